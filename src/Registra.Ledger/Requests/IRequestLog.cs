namespace Registra.Ledger.Requests;

/// <summary>
/// Durable idempotency records beside the journal. A request's record is written in the same
/// transaction as the block with its events, so an acknowledged write and its key survive a crash
/// together. The response follows in a later transaction.
/// </summary>
/// <remarks>Write methods follow the store's single-writer rule; <see cref="Find"/> may run on any thread.</remarks>
public interface IRequestLog
{
    /// <summary>Appends the block as <see cref="IJournalStore.Append"/> does, with the request records, in one transaction.</summary>
    /// <exception cref="JournalConflictException">The block does not directly follow the head; nothing is written.</exception>
    void Append(SealedBlock block, RequestLogBatch requests);

    /// <summary>Stores request records on their own, for responses sent while no block is being written.</summary>
    void Save(RequestLogBatch requests);

    /// <summary>Reads the record of a key hash, or null when the store has none.</summary>
    StoredRequest? Find(byte[] keyHash);

    /// <summary>Deletes the records created before <paramref name="cutoff"/> and returns how many there were.</summary>
    int DeleteCreatedBefore(DateTimeOffset cutoff);
}
