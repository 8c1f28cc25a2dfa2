namespace Registra.Ledger.Engine;

/// <summary>Limits of the sequencer.</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// Commands taken into one block at most; a larger batch waits for the next block. Small blocks
    /// let the sequencer apply the next block while the journal writer seals and commits this one.
    /// With blocks that take every waiting command, the two threads took turns instead. On a 2-core
    /// machine, 8 submitters of 2,048-transfer chunks reached about 195,000 transfers/s at 16,384
    /// commands per block and 250,000 to 290,000 at 2,048 (a few runs each, load under 2).
    /// </summary>
    public int MaxCommandsPerBlock { get; init; } = 2_048;

    /// <summary>Commands that may wait for the sequencer before submitters are made to wait.</summary>
    public int QueueCapacity { get; init; } = 1 << 18;

    /// <summary>Blocks applied in memory but not yet durable, while the previous block is written.</summary>
    public int BlocksInFlight { get; init; } = 2;

    /// <summary>
    /// Whether the journal writer hashes a large block's events on several thread-pool threads. Off
    /// leaves the other cores to the sequencer thread and the submitters.
    /// </summary>
    public bool ParallelSealing { get; init; } = true;

    /// <summary>The role the engine starts in. A follower becomes the writer through <see cref="LedgerEngine.PromoteAsync"/>.</summary>
    public NodeRole Role { get; init; } = NodeRole.Writer;

    /// <summary>How often a follower looks for new blocks when nothing signals them sooner.</summary>
    public TimeSpan FollowInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the journal keeps the Idempotency-Key records of API requests.</summary>
    public TimeSpan RequestRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Events between register snapshots, which let a restart replay only the blocks after the
    /// latest one; 0 disables snapshots. A snapshot is taken at the first block boundary after the
    /// interval and pauses the sequencer while the state is copied.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long SnapshotEveryEvents
    {
        get;
        init => field = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SnapshotEveryEvents), value, "Use 0 to disable snapshots or a positive number of events.");
    } = 1_000_000;
}
