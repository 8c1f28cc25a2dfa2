using System.Diagnostics.Metrics;

namespace Registra.Ledger.Engine;

/// <summary>
/// Sequencer and journal instruments on the "Registra.Ledger" meter, read by any metrics listener
/// (the API host exports them at /metrics). Recording without a listener costs almost nothing.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "Registra.Ledger";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "registra.sequencer.batch.size", unit: "{command}", description: "Commands applied in one sequencer batch, which becomes one block.");

    // A commit takes well under a millisecond on a local disk, and up to hundreds while the disk is
    // busy with writeback. OpenTelemetry's default boundaries (0, 5, 10, ... seconds) would put every commit in one bucket.
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "registra.journal.commit.duration", unit: "s", description: "Time to seal a block and make it durable in the journal.",
        tags: null, advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        });

    private static readonly Histogram<double> SnapshotDuration = Meter.CreateHistogram<double>(
        "registra.snapshot.duration", unit: "s", description: "Time the sequencer paused to capture the register for a snapshot.",
        tags: null, advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });

    private static readonly Counter<long> SnapshotFailures = Meter.CreateCounter<long>(
        "registra.snapshot.failures", unit: "{snapshot}", description: "Snapshots that could not be captured, encoded or saved. The journal is unaffected.");

    private static readonly Gauge<long> SnapshotSize = Meter.CreateGauge<long>(
        "registra.snapshot.size", unit: "By", description: "Bytes of the latest register snapshot.");

    private static readonly Gauge<long> Height = Meter.CreateGauge<long>(
        "registra.ledger.height", unit: "{block}", description: "Height of the last durable block.");

    private static readonly Gauge<long> FollowerLag = Meter.CreateGauge<long>(
        "registra.follower.lag", unit: "{block}", description: "Blocks in the store that this follower has not applied yet.");

    /// <summary>Records the blocks a follower applied and the blocks still ahead of it.</summary>
    public static void RecordFollowed(long height, long lagBlocks)
    {
        Height.Record(height);
        FollowerLag.Record(lagBlocks);
    }

    /// <summary>Records one block written by the journal thread.</summary>
    public static void RecordBlock(int commands, TimeSpan commitDuration, long height)
    {
        BatchSize.Record(commands);
        CommitDuration.Record(commitDuration.TotalSeconds);
        Height.Record(height);
    }

    /// <summary>Records one saved snapshot: the sequencer's pause to capture it and its size.</summary>
    public static void RecordSnapshot(TimeSpan pause, long bytes)
    {
        SnapshotDuration.Record(pause.TotalSeconds);
        SnapshotSize.Record(bytes);
    }

    /// <summary>Counts a snapshot that failed at any step.</summary>
    public static void RecordSnapshotFailure() => SnapshotFailures.Add(1);
}
