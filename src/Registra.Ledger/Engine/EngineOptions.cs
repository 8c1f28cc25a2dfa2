namespace Registra.Ledger.Engine;

/// <summary>Limits of the sequencer.</summary>
public sealed record EngineOptions
{
    /// <summary>Commands taken into one block at most; a larger batch waits for the next block.</summary>
    public int MaxCommandsPerBlock { get; init; } = 16_384;

    /// <summary>Commands that may wait for the sequencer before submitters are made to wait.</summary>
    public int QueueCapacity { get; init; } = 1 << 18;

    /// <summary>Blocks applied in memory but not yet durable, while the previous block is written.</summary>
    public int BlocksInFlight { get; init; } = 2;
}
