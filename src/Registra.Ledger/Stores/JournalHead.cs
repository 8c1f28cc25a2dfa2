namespace Registra.Ledger;

/// <summary>Position of the last block in a journal store.</summary>
/// <param name="Height">Height of the last block.</param>
/// <param name="LastSequence">Sequence number of the last event of that block.</param>
/// <param name="Hash">Header hash of that block, which the next block must name as its previous hash.</param>
public sealed record JournalHead(long Height, long LastSequence, byte[] Hash);
