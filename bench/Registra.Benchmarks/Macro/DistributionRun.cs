using System.Diagnostics;
using System.Globalization;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.CorporateActions.Distributions;
using Registra.Identities;
using Registra.Ledger.Engine;
using Registra.Register;
using Registra.Securities;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// The <c>distribution</c> subcommand: one cash dividend over many holders through the real
/// engine, timed from submission to the durable block (allocation, withholding, events, sealing,
/// the SQLite commit), then a replay of the journal to check the state digest.
/// </summary>
internal static class DistributionRun
{
    public const string Usage = "distribution [--holders N (default 1000000)] [--data DIR] [--seed S] [--skip-replay] [--stages]: times one dividend paid to N holders; --stages times the state machine and the encoding alone, without the engine.";

    private const int ChunkSize = 16_384;

    public static async Task<int> RunAsync(string[] args)
    {
        var holders = 1_000_000;
        var seed = 42;
        string? data = null;
        var skipReplay = args.Contains("--skip-replay");
        var stages = args.Contains("--stages");
        args = [.. args.Where(arg => arg is not ("--skip-replay" or "--stages"))];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--holders":
                    holders = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--data":
                    data = args[i + 1];
                    break;
                default:
                    Console.Error.WriteLine($"error: unknown option '{args[i]}'. Usage: {Usage}");
                    return 2;
            }
        }

        if (stages)
        {
            Stages(holders, seed);
            return 0;
        }

        var folder = data ?? Path.Combine(Path.GetTempPath(), "registra-distribution-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"registra distribution benchmark: {holders:N0} holders, {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}");
        try
        {
            await RunAsync(folder, holders, seed, skipReplay);
            return 0;
        }
        finally
        {
            if (data is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task RunAsync(string folder, int holders, int seed, bool skipReplay)
    {
        // Snapshots are off, so the timed block is not paused by a snapshot of the set-up.
        var options = new EngineOptions { SnapshotEveryEvents = 0 };
        string distributionId;
        byte[] digest;
        using (var engine = LedgerEngine.Open(folder, options: options))
        {
            var setup = Stopwatch.StartNew();
            var securityId = await SetUpAsync(engine, holders, seed);
            Console.WriteLine($"set-up: {holders:N0} holders with uneven balances, 9 in 10 with a USD account, in {setup.Elapsed.TotalSeconds:F1} s");

            var now = DateTimeOffset.UtcNow;
            var announced = await engine.SubmitAsync(new AnnounceDistribution(securityId, DistributionKind.Dividend, "USD", DistributionBasis.Total,
                "1000000.00", now, now, DefaultWithholdingPercent: "15", WithholdingByIdentity: new Dictionary<string, string> { ["holder-0000007"] = "30" }));
            distributionId = Check(announced).Result.CreatedId!;

            var gen2 = GC.CollectionCount(2);
            var pauses = GC.GetTotalPauseDuration();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var timer = Stopwatch.StartNew();
            var paid = Check(await engine.SubmitAsync(new PayDistribution(distributionId)));
            timer.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"     {GC.CollectionCount(2) - gen2} gen2 collections, {(GC.GetTotalPauseDuration() - pauses).TotalMilliseconds:F0} ms in GC pauses during the payment");

            var state = await engine.ReadAsync(register => register.State.Distributions[distributionId]);
            Console.WriteLine($"pay: {state.Payouts.Count:N0} payouts in {paid.Result.Events.Count} events (block {paid.BlockHeight}), durable in {timer.Elapsed.TotalMilliseconds:F0} ms, {cpuUsed.TotalMilliseconds:F0} ms of CPU on all threads");
            Console.WriteLine($"     gross {state.Gross.Format(2)} = net paid {state.NetPaid.Format(2)} + withheld {state.Withheld.Format(2)} + unclaimed {state.UnclaimedAtPayment.Format(2)}");
            digest = await engine.ReadAsync(register => StateDigest.Compute(register.State));
            Console.WriteLine($"journal: {new FileInfo(Path.Combine(folder, LedgerEngine.JournalFileName)).Length / (1024 * 1024):N0} MiB after the payment");
        }

        if (skipReplay)
        {
            return;
        }

        var replay = Stopwatch.StartNew();
        using var reopened = LedgerEngine.Open(folder, options: options);
        var replayed = await reopened.ReadAsync(register => StateDigest.Compute(register.State));
        Console.WriteLine($"replay: {reopened.Replay.Events:N0} events in {replay.Elapsed.TotalSeconds:F1} s, digest {(replayed.AsSpan().SequenceEqual(digest) ? "matches" : "DIFFERS")}");
    }

    private static async Task<string> SetUpAsync(LedgerEngine engine, int holders, int seed)
    {
        Check(await engine.SubmitAsync(new CreateIssuer("bench-issuer", "Bench Issuer")));
        var securityId = Check(await engine.SubmitAsync(new CreateSecurity("bench-issuer", "Bench Common", AssetClass.Equity, 0))).Result.CreatedId!;
        Check(await engine.SubmitAsync(new OpenCashAccount(CashOwnerKind.Issuer, "bench-issuer", "USD")));
        Check(await engine.SubmitAsync(new DepositCash(CashOwnerKind.Issuer, "bench-issuer", "USD", Amount.FromUnits(100_000_000), "funding")));

        var random = new Random(seed);
        var commands = new List<RegisterCommand>(ChunkSize + 4);
        for (var i = 0; i < holders; i++)
        {
            var identity = $"holder-{i:D7}";
            commands.Add(new RegisterIdentity(identity, IdentityKind.Individual, identity));
            commands.Add(new AddAccount(identity, identity + "-1"));
            commands.Add(new Issue(securityId, identity + "-1", Amount.FromUnits(random.Next(1, 10_000))));
            if (i % 10 != 0)
            {
                commands.Add(new OpenCashAccount(CashOwnerKind.Identity, identity, "USD"));
            }

            if (commands.Count >= ChunkSize || i == holders - 1)
            {
                foreach (var outcome in await engine.SubmitManyAsync(commands))
                {
                    Check(outcome);
                }

                commands.Clear();
            }
        }

        return securityId;
    }

    /// <summary>Times the payment's stages on one thread: the state machine, the canonical encoding and the SHA-256 of every event.</summary>
    private static void Stages(int holders, int seed)
    {
        var register = new Register.Register();
        var now = DateTimeOffset.UtcNow;
        void Must(RegisterCommand command)
        {
            var result = register.Execute(command, now);
            if (!result.Accepted)
            {
                throw new InvalidOperationException($"A set-up command was rejected: {string.Join("; ", result.Failures)}");
            }
        }

        Must(new CreateIssuer("bench-issuer", "Bench Issuer"));
        var securityId = register.Execute(new CreateSecurity("bench-issuer", "Bench Common", AssetClass.Equity, 0), now).CreatedId!;
        Must(new OpenCashAccount(CashOwnerKind.Issuer, "bench-issuer", "USD"));
        Must(new DepositCash(CashOwnerKind.Issuer, "bench-issuer", "USD", Amount.FromUnits(100_000_000), "funding"));
        var random = new Random(seed);
        for (var i = 0; i < holders; i++)
        {
            var identity = $"holder-{i:D7}";
            Must(new RegisterIdentity(identity, IdentityKind.Individual, identity));
            Must(new AddAccount(identity, identity + "-1"));
            Must(new Issue(securityId, identity + "-1", Amount.FromUnits(random.Next(1, 10_000))));
            if (i % 10 != 0)
            {
                Must(new OpenCashAccount(CashOwnerKind.Identity, identity, "USD"));
            }
        }

        var id = register.Execute(new AnnounceDistribution(securityId, DistributionKind.Dividend, "USD", DistributionBasis.Total, "1000000.00",
            now, now, DefaultWithholdingPercent: "15"), now).CreatedId!;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        var result = register.Execute(new PayDistribution(id), now);
        var execute = timer.Elapsed;
        var executeCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        timer.Restart();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 << 20);
        var writer = new Registra.Canonical.CanonicalWriter(buffer);
        var ends = new List<int>();
        for (var i = 0; i < result.Events.Count; i++)
        {
            Registra.Events.EventCodec.Encode(i + 1, now, result.Events[i], writer);
            ends.Add(buffer.WrittenCount);
        }

        var encode = timer.Elapsed;
        timer.Restart();
        var start = 0;
        foreach (var end in ends)
        {
            System.Security.Cryptography.SHA256.HashData(buffer.WrittenSpan[start..end]);
            start = end;
        }

        Console.WriteLine($"stages for {holders:N0} holders: Register.Execute {execute.TotalMilliseconds:F0} ms ({executeCpu.TotalMilliseconds:F0} ms CPU), encode {result.Events.Count} events " +
            $"({buffer.WrittenCount / (1024 * 1024):N0} MiB) {encode.TotalMilliseconds:F0} ms, SHA-256 {timer.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static CommandOutcome Check(CommandOutcome outcome) =>
        outcome.Accepted ? outcome : throw new InvalidOperationException($"A set-up command was rejected: {string.Join("; ", outcome.Result.Failures)}");
}
