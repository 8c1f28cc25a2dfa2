using System.Buffers;
using System.Diagnostics;
using Registra.Commands;
using Registra.Demo;
using Registra.Events;
using Registra.Ledger;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// Times each stage of the write path on one thread, block by block, to show which stage limits
/// the engine: the state machine, the event encoding, sealing (hashes, Merkle root, signature)
/// and the durable SQLite append, and the PostgreSQL append when a server is given.
/// </summary>
internal static class Stages
{
    private const int EventsPerBlock = 8192;

    /// <param name="store">PostgreSQL connection string or URL to append every block to as well, in a new schema; null for SQLite only.</param>
    public static void Run(int investors, int transfers, string? store = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "registra-stages-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var schemas = store is null ? null : BenchSchemas.Create(store, keep: false);
        try
        {
            Measure(folder, investors, transfers, schemas?.EngineConnectionString);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Measure(string folder, int investors, int transfers, string? postgresConnectionString)
    {
        var register = new Register.Register();
        var scenario = new DemoScenario(investors);
        var now = DateTimeOffset.UtcNow;
        var setup = scenario.SetupCommands(now.AddYears(-1)).Select(command => register.Execute(command, now)).ToList();
        var securityId = setup[1].CreatedId!;
        setup.AddRange(scenario.FundingCommands(securityId).Select(command => register.Execute(command, now)));

        var commands = new Transfer[transfers];
        for (var i = 0; i < commands.Length; i++)
        {
            commands[i] = scenario.NextTransfer(securityId);
        }

        using var key = NodeKey.LoadOrCreate(folder);
        using var store = SqliteJournalStore.Open(Path.Combine(folder, "stages.db"));
        using var postgres = postgresConnectionString is null ? null : PostgresJournalStore.Open(postgresConnectionString);
        long postgresTicks = 0;
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        var offsets = new List<(int Offset, int Length)>(EventsPerBlock);
        var events = new ReadOnlyMemory<byte>[EventsPerBlock];
        long executeTicks = 0, encodeTicks = 0, sealTicks = 0, appendTicks = 0;
        var previousHash = new byte[EventHash.Size];
        long height = 0;
        long eventCount = 0;

        // The set-up events go into the first block, outside the timed stages.
        var setupEvents = new List<ReadOnlyMemory<byte>>();
        long setupSequence = 1;
        foreach (var registerEvent in setup.SelectMany(result => result.Events))
        {
            setupEvents.Add(EventCodec.Encode(new LedgerEvent(setupSequence++, now, registerEvent)));
        }

        var setupBlock = BlockSealer.Seal(++height, 1, previousHash, 0, setupEvents, key);
        store.Append(setupBlock);
        postgres?.Append(setupBlock);
        previousHash = setupBlock.Hash;
        for (var start = 0; start < commands.Length; start += EventsPerBlock)
        {
            // One timestamp per block, as the engine stamps a batch.
            now = DateTimeOffset.UtcNow < register.State.LastTimestamp ? register.State.LastTimestamp : DateTimeOffset.UtcNow;
            var end = Math.Min(start + EventsPerBlock, commands.Length);
            var firstSequence = register.State.LastSequence + 1;
            var results = new List<CommandResult>(end - start);

            var t0 = Stopwatch.GetTimestamp();
            for (var i = start; i < end; i++)
            {
                results.Add(register.Execute(commands[i], now));
            }

            var t1 = Stopwatch.GetTimestamp();
            buffer.ResetWrittenCount();
            offsets.Clear();
            var sequence = firstSequence;
            foreach (var result in results)
            {
                foreach (var registerEvent in result.Events)
                {
                    var offset = buffer.WrittenCount;
                    EventCodec.Encode(new LedgerEvent(sequence++, now, registerEvent), buffer);
                    offsets.Add((offset, buffer.WrittenCount - offset));
                }
            }

            var t2 = Stopwatch.GetTimestamp();
            var slices = events.AsSpan(0, offsets.Count);
            for (var i = 0; i < slices.Length; i++)
            {
                slices[i] = buffer.WrittenMemory.Slice(offsets[i].Offset, offsets[i].Length);
            }

            var micros = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
            var block = BlockSealer.Seal(++height, firstSequence, previousHash, micros, slices.ToArray(), key);
            var t3 = Stopwatch.GetTimestamp();
            store.Append(block);
            var t4 = Stopwatch.GetTimestamp();
            postgres?.Append(block);
            postgresTicks += Stopwatch.GetTimestamp() - t4;

            previousHash = block.Hash;
            eventCount += offsets.Count;
            executeTicks += t1 - t0;
            encodeTicks += t2 - t1;
            sealTicks += t3 - t2;
            appendTicks += t4 - t3;
        }

        Console.WriteLine($"stages, one thread, {transfers} transfers in blocks of {EventsPerBlock} ({eventCount} events):");
        Print("Register.Execute", executeTicks, transfers);
        Print("EventCodec.Encode", encodeTicks, eventCount);
        Print("BlockSealer.Seal", sealTicks, eventCount);
        Print("SQLite append (synchronous=FULL)", appendTicks, eventCount);
        if (postgres is not null)
        {
            Print("PostgreSQL append (one transaction)", postgresTicks, eventCount);
        }
    }

    private static void Print(string stage, long ticks, long count)
    {
        var seconds = ticks / (double)Stopwatch.Frequency;
        Console.WriteLine($"  {stage,-34} {seconds * 1e9 / count,8:F0} ns per item  {count / seconds,12:N0} per second");
    }
}
