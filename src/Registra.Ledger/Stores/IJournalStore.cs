namespace Registra.Ledger;

/// <summary>
/// Durable, append-only storage of sealed blocks, snapshots and metadata. Implementations are
/// provider specific (SQLite, PostgreSQL), but this interface exposes no provider types.
/// </summary>
public interface IJournalStore : IDisposable
{
    /// <summary>Reads the last block's position, or null when the store has no blocks.</summary>
    JournalHead? ReadHead();

    /// <summary>Counts the stored blocks.</summary>
    long CountBlocks();

    /// <summary>
    /// Appends the next block. The block is durable when this method returns.
    /// </summary>
    /// <exception cref="JournalConflictException">
    /// The block does not directly follow the head: wrong height, first sequence or previous hash.
    /// Nothing is written.
    /// </exception>
    /// <exception cref="IOException">The store failed to write the block, for example because the disk is full.</exception>
    void Append(SealedBlock block);

    /// <summary>Streams blocks in height order from <paramref name="fromHeight"/>, reading them as the caller enumerates.</summary>
    /// <exception cref="JournalCorruptionException">A stored row cannot be decoded into a block.</exception>
    IEnumerable<SealedBlock> ReadBlocks(long fromHeight = 1);

    /// <summary>Reads the block whose event range contains <paramref name="sequence"/>, or null when no block does.</summary>
    /// <exception cref="JournalCorruptionException">The stored row cannot be decoded into a block.</exception>
    SealedBlock? ReadBlockContaining(long sequence);

    /// <summary>
    /// Stores opaque state bytes that reflect all blocks up to <paramref name="height"/>, replacing any
    /// snapshot at that height. Only the two snapshots with the highest heights are kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="height"/> is less than 1 or above the head.</exception>
    void SaveSnapshot(long height, ReadOnlyMemory<byte> state);

    /// <summary>Reads the snapshot with the highest height, or null when there is none.</summary>
    (long Height, byte[] State)? ReadLatestSnapshot();

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any previous value.</summary>
    void SetMetadata(string key, string value);

    /// <summary>Reads the value stored under <paramref name="key"/>, or null when there is none.</summary>
    string? GetMetadata(string key);

    /// <summary>Reads every metadata entry whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IEnumerable<(string Key, string Value)> ListMetadata(string prefix);
}
