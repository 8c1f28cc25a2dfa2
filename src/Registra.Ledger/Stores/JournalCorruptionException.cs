namespace Registra.Ledger;

/// <summary>
/// Stored block row that cannot be decoded: a malformed header, a field of the wrong length, or
/// index columns that disagree with the header. The journal needs investigation, not a retry.
/// </summary>
public sealed class JournalCorruptionException : Exception
{
    public JournalCorruptionException(string message)
        : base(message)
    {
    }

    public JournalCorruptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Height of the row as stored in the block table.</summary>
    public long Height { get; init; }
}
