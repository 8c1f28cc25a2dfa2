using System.Diagnostics;
using Registra.Commands;
using Registra.Demo;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Register;

namespace Registra.Benchmarks.Macro;

/// <summary>Result of the engine write measurement, with the live register's digest for the replay check.</summary>
internal sealed record EngineWriteResult(long Transfers, long Rejected, long Blocks, TimeSpan Elapsed, byte[] Digest)
{
    /// <summary>Snapshots taken during the measured transfers.</summary>
    public long Snapshots { get; init; }

    /// <summary>Time the sequencer spent copying those snapshots.</summary>
    public TimeSpan SnapshotPause { get; init; }
}

/// <summary>
/// Runs DemoScenario transfers through <see cref="LedgerEngine"/> from several concurrent
/// submitters, so that batches queue up and group commit and the apply/write overlap work.
/// </summary>
internal static class EngineWrite
{
    /// <param name="journal">Where the journal is written; null for journal.db in <paramref name="folder"/>.</param>
    public static async Task<EngineWriteResult> RunAsync(string folder, EngineRunOptions options, JournalLocation? journal = null)
    {
        using var engine = LedgerEngine.Open(folder, options: new EngineOptions
        {
            ParallelSealing = options.ParallelSealing,
            MaxCommandsPerBlock = options.MaxCommandsPerBlock,
            SnapshotEveryEvents = options.SnapshotEveryEvents,
        }, journal: journal);
        var scenario = new DemoScenario(options.Investors);
        var securityId = await SetUpAsync(engine, scenario);
        var startHeight = engine.DurableHeight;
        var (startSnapshots, startPause) = (engine.SnapshotsTaken, engine.SnapshotPause);

        // Commands are built before the clock starts, so the figure is the engine's, not the generator's.
        var chunks = BuildChunks(scenario, securityId, options.Transfers, options.Chunk);
        var next = -1;
        long rejected = 0;
        var started = Stopwatch.GetTimestamp();
        var submitters = new Task[options.Submitters];
        for (var s = 0; s < submitters.Length; s++)
        {
            submitters[s] = Task.Run(async () =>
            {
                long ownRejected = 0;
                for (var index = Interlocked.Increment(ref next); index < chunks.Count; index = Interlocked.Increment(ref next))
                {
                    var outcomes = await engine.SubmitManyAsync(chunks[index]);
                    for (var i = 0; i < outcomes.Length; i++)
                    {
                        ownRejected += outcomes[i].Accepted ? 0 : 1;
                    }
                }

                Interlocked.Add(ref rejected, ownRejected);
            });
        }

        await Task.WhenAll(submitters);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var digest = await engine.ReadAsync(register => StateDigest.Compute(register.State));
        return new EngineWriteResult(options.Transfers, rejected, engine.DurableHeight - startHeight, elapsed, digest)
        {
            Snapshots = engine.SnapshotsTaken - startSnapshots,
            SnapshotPause = engine.SnapshotPause - startPause,
        };
    }

    /// <summary>Creates the demo issuer, security and funded investors; returns the security id.</summary>
    public static async Task<string> SetUpAsync(LedgerEngine engine, DemoScenario scenario)
    {
        var setup = await engine.SubmitManyAsync(scenario.SetupCommands(DateTimeOffset.UtcNow.AddYears(-1)).ToList());
        if (!setup[1].Accepted)
        {
            throw new InvalidOperationException($"Creating the demo security failed: {string.Join("; ", setup[1].Result.Failures)}");
        }

        var securityId = setup[1].Result.CreatedId!;
        var funding = await engine.SubmitManyAsync(scenario.FundingCommands(securityId).ToList());
        if (funding.FirstOrDefault(outcome => !outcome.Accepted) is { } failed)
        {
            throw new InvalidOperationException($"Funding the demo investors failed: {string.Join("; ", failed.Result.Failures)}");
        }

        return securityId;
    }

    private static List<RegisterCommand[]> BuildChunks(DemoScenario scenario, string securityId, long transfers, int chunkSize)
    {
        var chunks = new List<RegisterCommand[]>((int)(transfers / chunkSize) + 1);
        for (long done = 0; done < transfers; done += chunkSize)
        {
            var chunk = new RegisterCommand[(int)Math.Min(chunkSize, transfers - done)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = scenario.NextTransfer(securityId);
            }

            chunks.Add(chunk);
        }

        return chunks;
    }
}
