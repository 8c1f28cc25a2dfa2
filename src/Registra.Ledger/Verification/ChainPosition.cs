namespace Registra.Ledger;

/// <summary>Last verified block during verification: what the next block has to follow.</summary>
internal readonly record struct ChainPosition(long Height, long LastSequence, byte[] Hash);
