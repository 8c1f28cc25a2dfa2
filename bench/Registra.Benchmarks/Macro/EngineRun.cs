using System.Diagnostics;
using Registra.Commands;
using Registra.Demo;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Register;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// The <c>engine</c> subcommand: the write path through <see cref="LedgerEngine"/> with concurrent
/// submitters, the naive baseline, verification, start-up replay, memory per position and a
/// single-threaded breakdown of the write path's stages, all in one process.
/// </summary>
internal static class EngineRun
{
    public static async Task<int> RunAsync(EngineRunOptions options)
    {
        var folder = options.Data ?? Path.Combine(Path.GetTempPath(), "registra-bench-" + Guid.NewGuid().ToString("N"));
        var engineFolder = Path.Combine(folder, "engine");
        if (Directory.Exists(engineFolder) && Directory.EnumerateFileSystemEntries(engineFolder).Any())
        {
            Console.Error.WriteLine($"error: {engineFolder} is not empty; pass an empty or new --data folder.");
            return 2;
        }

        Console.WriteLine($"registra engine benchmark: {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"data folder: {folder}");
        try
        {
            var write = await EngineWrite.RunAsync(engineFolder, options);
            Report.Rate("engine: durable checked transfers", write.Transfers, write.Elapsed, "transfers/s");
            Console.WriteLine($"        {write.Rejected} rejected by compliance, {write.Blocks} blocks, {write.Transfers / (double)Math.Max(write.Blocks, 1):F0} transfers per block on average");
            Console.WriteLine($"        {write.Snapshots} register snapshots, sequencer paused {write.SnapshotPause.TotalMilliseconds:F0} ms for them");

            var naive = NaiveBaseline.Run(Path.Combine(folder, "naive.db"), options);
            Report.Rate("naive: one SQLite transaction per transfer", naive.Transfers, naive.Elapsed, "transfers/s");
            Console.WriteLine($"        {naive.Rejected} rejected by compliance");
            var engineRate = write.Transfers / write.Elapsed.TotalSeconds;
            var naiveRate = naive.Transfers / naive.Elapsed.TotalSeconds;
            Console.WriteLine($"ratio engine / naive: {engineRate / naiveRate:F1}x");

            Verify(engineFolder, JournalLocation.InDataFolder(engineFolder));
            await ReplayAsync(engineFolder, JournalLocation.InDataFolder(engineFolder), write.Digest);
            if (options.Store is not null)
            {
                await RunOnPostgresAsync(Path.Combine(folder, "engine-postgres"), options);
            }

            MemoryPerPosition.Run(options.MemoryPositions);
            Stages.Run(options.Investors, (int)Math.Min(options.Transfers, 500_000), options.Store);
            return 0;
        }
        finally
        {
            if (!options.Keep && options.Data is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    // The same engine measurement with the journal in PostgreSQL, then the naive baseline on the same server.
    private static async Task RunOnPostgresAsync(string keyFolder, EngineRunOptions options)
    {
        using var schemas = BenchSchemas.Create(options.Store!, options.Keep);
        Console.WriteLine($"PostgreSQL: {schemas.Description}; schemas {schemas.EngineSchema} and {schemas.NaiveSchema}");
        var journal = JournalLocation.Postgres(schemas.EngineConnectionString);

        var write = await EngineWrite.RunAsync(keyFolder, options, journal);
        Report.Rate("engine on PostgreSQL: durable checked transfers", write.Transfers, write.Elapsed, "transfers/s");
        Console.WriteLine($"        {write.Rejected} rejected by compliance, {write.Blocks} blocks, {write.Transfers / (double)Math.Max(write.Blocks, 1):F0} transfers per block on average");

        var naive = NaivePostgresBaseline.Run(schemas.NaiveConnectionString, options);
        Report.Rate($"naive: one PostgreSQL transaction per transfer, {options.NaiveConnections} connections", naive.Transfers, naive.Elapsed, "transfers/s");
        Console.WriteLine($"        {naive.Rejected} rejected by compliance");
        var engineRate = write.Transfers / write.Elapsed.TotalSeconds;
        var naiveRate = naive.Transfers / naive.Elapsed.TotalSeconds;
        Console.WriteLine($"ratio engine on PostgreSQL / naive on PostgreSQL: {engineRate / naiveRate:F1}x");

        Verify(keyFolder, journal);
        await ReplayAsync(keyFolder, journal, write.Digest);
        await MeasureFollowerLagAsync(keyFolder + "-followed", schemas.FollowedConnectionString, options);
    }

    // A second, shorter engine run on PostgreSQL with a follower applying its blocks, because the
    // follower takes CPU from the engine on a small machine and would lower the figure above.
    private static async Task MeasureFollowerLagAsync(string keyFolder, string connectionString, EngineRunOptions options)
    {
        var journal = JournalLocation.Postgres(connectionString);
        using (journal.Open())
        {
        }

        byte[] publicKey;
        Directory.CreateDirectory(keyFolder);
        using (var key = NodeKey.LoadOrCreate(keyFolder))
        {
            publicKey = key.PublicKey;
        }

        var followed = options with { Transfers = Math.Min(options.Transfers, 500_000) };
        await using var lag = FollowerLag.Start(connectionString, publicKey);
        var write = await EngineWrite.RunAsync(keyFolder, followed, journal);
        using (var store = journal.OpenReadOnly())
        {
            var result = await lag.FinishAsync(store.ReadHead()!.Height);
            Report.Rate("engine on PostgreSQL with a follower: durable checked transfers", write.Transfers, write.Elapsed, "transfers/s");
            Console.WriteLine($"follower lag over {result.Blocks} blocks: median {result.MedianMilliseconds:F0} ms, max {result.MaxMilliseconds:F0} ms, " +
                $"at most {result.MaxLagBlocks} blocks behind");
        }
    }

    private static void Verify(string engineFolder, JournalLocation journal)
    {
        var publicKey = Convert.FromHexString(File.ReadAllText(Path.Combine(engineFolder, NodeKey.PublicKeyFileName)).Trim());
        using var store = journal.OpenReadOnly();
        var report = RegisterVerifier.Verify(store, publicKey, null, CancellationToken.None);
        if (!report.Succeeded)
        {
            throw new InvalidOperationException($"Verification failed at block {report.FirstBadHeight}: {report.Failure}");
        }

        Report.Rate($"verify: {report.BlocksVerified} blocks, hashes, Merkle roots, signatures and replay", report.EventsVerified, report.Elapsed, "events/s");
    }

    private static async Task ReplayAsync(string engineFolder, JournalLocation journal, byte[] liveDigest)
    {
        using var engine = LedgerEngine.Open(engineFolder, journal: journal);
        var (events, elapsed) = engine.Replay;
        Report.Rate("start-up replay: LedgerEngine.Open", events, elapsed, "events/s");
        Console.WriteLine($"        {elapsed.TotalSeconds:F2} s for {events} events; linear estimate for 10 million events: {elapsed.TotalSeconds * 10_000_000 / events:F1} s");

        var replayedDigest = await engine.ReadAsync(register => StateDigest.Compute(register.State));
        if (!replayedDigest.AsSpan().SequenceEqual(liveDigest))
        {
            throw new InvalidOperationException("The replayed register's state digest differs from the live register's.");
        }

        Console.WriteLine("        replayed state digest matches the live register");
    }
}
