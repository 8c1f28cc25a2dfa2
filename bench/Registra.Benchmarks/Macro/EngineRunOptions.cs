namespace Registra.Benchmarks.Macro;

/// <summary>Settings of one <c>engine</c> run.</summary>
internal sealed record EngineRunOptions
{
    public long Transfers { get; init; } = 2_000_000;

    public int Investors { get; init; } = 10_000;

    /// <summary>Concurrent tasks calling <c>SubmitManyAsync</c>.</summary>
    public int Submitters { get; init; } = 8;

    /// <summary>Transfers in one <c>SubmitManyAsync</c> call.</summary>
    public int Chunk { get; init; } = 2048;

    /// <summary>Transfers run through the naive one-transaction-per-transfer baseline.</summary>
    public int NaiveTransfers { get; init; } = 3000;

    /// <summary>Investors, and so positions, built for the memory measurement.</summary>
    public int MemoryPositions { get; init; } = 100_000;

    /// <summary>Commands the sequencer takes into one block at most.</summary>
    public int MaxCommandsPerBlock { get; init; } = new Registra.Ledger.Engine.EngineOptions().MaxCommandsPerBlock;

    /// <summary>Events between register snapshots; 0 takes none.</summary>
    public long SnapshotEveryEvents { get; init; } = new Registra.Ledger.Engine.EngineOptions().SnapshotEveryEvents;

    /// <summary>Whether the journal writer hashes large blocks on several threads.</summary>
    public bool ParallelSealing { get; init; } = true;

    /// <summary>Connections of the PostgreSQL naive baseline, each committing its own transfers.</summary>
    public int NaiveConnections { get; init; } = 8;

    /// <summary>
    /// PostgreSQL connection string or URL; when set, the engine and the naive baseline also run on
    /// PostgreSQL, each in a new schema that the run creates (and drops unless <see cref="Keep"/>).
    /// </summary>
    public string? Store { get; init; }

    /// <summary>Folder for the journal and the naive database; a fresh temporary folder when null.</summary>
    public string? Data { get; init; }

    /// <summary>Keeps the data folder after the run, for example to run <c>registra verify</c> on it.</summary>
    public bool Keep { get; init; }
}
