using System.Diagnostics;
using Registra.Demo;
using Registra.Events;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

public sealed class CrashRecoveryTests
{
    private const int Investors = 50;
    private const int AcknowledgementsBeforeKill = 3000;

    [Fact]
    public async Task KilledWriter_KeepsEveryAcknowledgedTransfer()
    {
        using var folder = new TempFolder();
        var acknowledged = await RunDemoUntilKilledAsync(folder.Path);
        Assert.True(acknowledged.Count >= AcknowledgementsBeforeKill, $"only {acknowledged.Count} transfers were acknowledged before the kill");

        using (var engine = LedgerEngine.Open(folder.Path))
        {
            var expected = ExpectedTransfers(engine, acknowledged.Keys.Max());
            foreach (var (index, sequence) in acknowledged)
            {
                var stored = ReadEvent(engine.Store, sequence);
                var transferred = Assert.IsType<Transferred>(stored.Payload);
                Assert.Equal(expected[(int)index].FromAccountId, transferred.FromAccountId);
                Assert.Equal(expected[(int)index].ToAccountId, transferred.ToAccountId);
                Assert.Equal(expected[(int)index].Amount.Units, transferred.Units);
            }
        }

        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Path);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
    }

    /// <summary>Starts 'registra demo' printing acknowledgements and kills it with SIGKILL mid-run.</summary>
    private static async Task<Dictionary<long, long>> RunDemoUntilKilledAsync(string dataFolder)
    {
        var acknowledged = new Dictionary<long, long>();
        using var process = Process.Start(RegistraCli.StartInfo("demo", "--data", dataFolder, "--investors", Investors.ToString(),
            "--transfers", "100000000", "--batch", "64", "--print-acks"))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (acknowledged.Count < AcknowledgementsBeforeKill && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var parts = line.Split(' ');
            acknowledged[long.Parse(parts[1])] = long.Parse(parts[2]);
        }

        // Kill sends SIGKILL on Linux: no shutdown code runs, so only what was durable survives.
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(timeout.Token);
        return acknowledged;
    }

    /// <summary>Regenerates the demo's seeded transfers so each acknowledged one can be compared field by field.</summary>
    private static List<Commands.Transfer> ExpectedTransfers(LedgerEngine engine, long lastIndex)
    {
        var securityId = engine.ReadAsync(register => register.State.Securities.Keys.Single()).GetAwaiter().GetResult();
        var scenario = new DemoScenario(Investors);
        var transfers = new List<Commands.Transfer>();
        for (var i = 0; i <= lastIndex; i++)
        {
            transfers.Add(scenario.NextTransfer(securityId));
        }

        return transfers;
    }

    private static LedgerEvent ReadEvent(IJournalStore store, long sequence)
    {
        var block = store.ReadBlockContaining(sequence);
        Assert.NotNull(block);
        var events = EventBlob.Decode(block.Events, block.Header.EventCount);
        return EventCodec.Decode(events[(int)(sequence - block.Header.FirstSequence)].Span);
    }
}
