using System.Diagnostics;
using System.Globalization;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Ledger.Engine;
using Registra.Market.Offerings;
using Registra.Register;
using Registra.Securities;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// The <c>offering</c> subcommand: the close of one oversubscribed offering with many subscribers
/// through the real engine, timed from submission to the durable block (allocation, the trial
/// issuances with every rule, the events, sealing, the SQLite commit), then a replay of the journal
/// to check the state digest.
/// </summary>
internal static class OfferingRun
{
    public const string Usage = "offering [--subscribers N (default 100000)] [--data DIR] [--seed S] [--skip-replay] [--stages]: times the close of one offering with N subscribers; --stages times Register.Execute of the close alone, without the engine.";

    private const int ChunkSize = 16_384;

    public static async Task<int> RunAsync(string[] args)
    {
        var subscribers = 100_000;
        var seed = 42;
        string? data = null;
        var skipReplay = args.Contains("--skip-replay");
        var stages = args.Contains("--stages");
        args = [.. args.Where(arg => arg is not ("--skip-replay" or "--stages"))];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--subscribers":
                    subscribers = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
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

        Console.WriteLine($"registra offering benchmark: {subscribers:N0} subscribers, {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}");
        if (stages)
        {
            Stages(subscribers, seed);
            return 0;
        }

        var folder = data ?? Path.Combine(Path.GetTempPath(), "registra-offering-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync(folder, subscribers, seed, skipReplay);
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

    private static async Task RunAsync(string folder, int subscribers, int seed, bool skipReplay)
    {
        // Snapshots are off, so the timed block is not paused by a snapshot of the set-up.
        var options = new EngineOptions { SnapshotEveryEvents = 0 };
        byte[] digest;
        using (var engine = LedgerEngine.Open(folder, options: options))
        {
            var setup = Stopwatch.StartNew();
            foreach (var chunk in SetUpCommands(subscribers, seed, DateTimeOffset.UtcNow).Chunk(ChunkSize))
            {
                foreach (var outcome in await engine.SubmitManyAsync(chunk))
                {
                    Check(outcome);
                }
            }

            Console.WriteLine($"set-up: {subscribers:N0} verified subscribers with cash, each subscribed for 5 to 200 units, in {setup.Elapsed.TotalSeconds:F1} s");

            var gen2 = GC.CollectionCount(2);
            var pauses = GC.GetTotalPauseDuration();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var timer = Stopwatch.StartNew();
            var closed = Check(await engine.SubmitAsync(new CloseOffering(OfferingId, Early: true)));
            timer.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            var offering = await engine.ReadAsync(register => register.State.Market.Offerings[OfferingId]);
            Console.WriteLine($"close: {closed.Result.Events.Count:N0} events (block {closed.BlockHeight}), durable in {timer.Elapsed.TotalMilliseconds:F0} ms, {cpuUsed.TotalMilliseconds:F0} ms of CPU on all threads");
            Console.WriteLine($"       {GC.CollectionCount(2) - gen2} gen2 collections, {(GC.GetTotalPauseDuration() - pauses).TotalMilliseconds:F0} ms in GC pauses");
            Describe(offering);
            digest = await engine.ReadAsync(register => StateDigest.Compute(register.State));
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

    private const string OfferingId = "bench-ipo";

    /// <summary>
    /// Builds the world as commands: a security with a KYC rule and an absolute maximum balance, and
    /// one verified subscriber per identity with 10,000.00 USD. The offering sells 40 % of the demand
    /// at 2.50 USD with a minimum of 5 units per investor, and every identity subscribes.
    /// </summary>
    private static IEnumerable<RegisterCommand> SetUpCommands(int subscribers, int seed, DateTimeOffset now)
    {
        var securityId = SecurityId;
        yield return new CreateIssuer("bench-issuer", "Bench Issuer");
        yield return new CreateSecurity("bench-issuer", "Bench Common", AssetClass.Equity, 0);
        yield return new RegisterClaimIssuer("bench-kyc", "Bench KYC");
        yield return new AddTrustedIssuer(securityId, "bench-kyc");
        yield return new SetRules(securityId, [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("1000")]);
        yield return new OpenCashAccount(CashOwnerKind.Issuer, "bench-issuer", "USD");

        var random = new Random(seed);
        var quantities = new int[subscribers];
        long demand = 0;
        for (var i = 0; i < subscribers; i++)
        {
            quantities[i] = random.Next(5, 201);
            demand += quantities[i];
        }

        var cap = (demand * 2 / 5).ToString(CultureInfo.InvariantCulture);
        yield return new OpenOffering(securityId, OfferingId, "USD", "2.50", cap, now.AddMinutes(-1), now.AddDays(1), MinPerInvestor: "5", MaxPerInvestor: "200");
        for (var i = 0; i < subscribers; i++)
        {
            var identity = $"sub-{i:D7}";
            yield return new RegisterIdentity(identity, IdentityKind.Individual, identity);
            yield return new AddAccount(identity, identity + "-1");
            yield return new AddClaim(identity, "kyc", ClaimTypes.Kyc, "true", "bench-kyc", now.AddYears(-1));
            yield return new OpenCashAccount(CashOwnerKind.Identity, identity, "USD");
            yield return new DepositCash(CashOwnerKind.Identity, identity, "USD", Amount.FromUnits(1_000_000), "funding");
            yield return new Subscribe(OfferingId, identity + "-1", quantities[i].ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The id the security gets: a hash of its descriptor, read from a scratch register.</summary>
    private static string SecurityId { get; } = ScratchSecurityId();

    private static string ScratchSecurityId()
    {
        var register = new Register.Register();
        var now = DateTimeOffset.UtcNow;
        register.Execute(new CreateIssuer("bench-issuer", "Bench Issuer"), now);
        return register.Execute(new CreateSecurity("bench-issuer", "Bench Common", AssetClass.Equity, 0), now).CreatedId!;
    }

    /// <summary>Times Register.Execute of the close on one thread, with the process CPU time beside the wall time.</summary>
    private static void Stages(int subscribers, int seed)
    {
        var register = new Register.Register();
        var now = DateTimeOffset.UtcNow;
        foreach (var command in SetUpCommands(subscribers, seed, now))
        {
            var result = register.Execute(command, now);
            if (!result.Accepted)
            {
                throw new InvalidOperationException($"A set-up command was rejected: {string.Join("; ", result.Failures)}");
            }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        var closed = register.Execute(new CloseOffering(OfferingId, Early: true), now);
        var wall = timer.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"stage Register.Execute of the close: {wall.TotalMilliseconds:F0} ms ({cpuUsed.TotalMilliseconds:F0} ms CPU), {closed.Events.Count:N0} events");
        Describe(register.State.Market.Offerings[OfferingId]);
    }

    private static void Describe(Offering offering)
    {
        var allocated = offering.Allocations.Count(a => a.Outcome == AllocationOutcome.Allocated);
        var below = offering.Allocations.Count(a => a.Outcome == AllocationOutcome.BelowMinimum);
        Console.WriteLine($"       {offering.Status}: {offering.Allocated.Format(0)} of {offering.Terms.Cap.Format(0)} units to {allocated:N0} subscribers, {below:N0} below the minimum, raised {offering.Raised.Format(2)} USD, refunded {offering.Refunded.Format(2)} USD");
    }

    private static CommandOutcome Check(CommandOutcome outcome) =>
        outcome.Accepted ? outcome : throw new InvalidOperationException($"A command was rejected: {string.Join("; ", outcome.Result.Failures)}");
}
