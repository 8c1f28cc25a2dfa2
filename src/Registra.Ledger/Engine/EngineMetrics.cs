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

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "registra.journal.commit.duration", unit: "s", description: "Time to seal a block and make it durable in the journal.");

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
}
