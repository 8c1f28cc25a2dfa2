namespace Registra.Ledger;

/// <summary>
/// Block as stored in the journal: header, Ed25519 signature over the canonical header bytes,
/// header hash and the events encoded with <see cref="EventBlob"/>.
/// </summary>
/// <remarks>Record equality compares the arrays and the event memory by reference, not by content.</remarks>
/// <param name="Header">Decoded block header.</param>
/// <param name="Signature">64-byte Ed25519 signature of <see cref="BlockHeader.ToCanonicalBytes"/>.</param>
/// <param name="Hash">SHA-256 of the canonical header bytes (32 bytes).</param>
/// <param name="Events">Events encoded with <see cref="EventBlob.Encode"/>.</param>
public sealed record SealedBlock(BlockHeader Header, byte[] Signature, byte[] Hash, ReadOnlyMemory<byte> Events);
