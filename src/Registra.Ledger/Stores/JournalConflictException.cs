namespace Registra.Ledger;

/// <summary>
/// Rejected append because the block does not directly follow the stored head: another writer
/// appended first, or the caller's view of the head is stale. Retrying the same block cannot
/// succeed, so the writer must reload the head.
/// </summary>
public sealed class JournalConflictException : Exception
{
    public JournalConflictException(string message)
        : base(message)
    {
    }

    public JournalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Height of the rejected block.</summary>
    public long BlockHeight { get; init; }

    /// <summary>Height of the stored head when the append was rejected (0 for an empty store).</summary>
    public long HeadHeight { get; init; }
}
