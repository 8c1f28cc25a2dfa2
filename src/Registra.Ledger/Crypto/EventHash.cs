namespace Registra.Ledger;

/// <summary>
/// SHA-256 hashing of Merkle leaves (events) and interior nodes.
/// </summary>
/// <remarks>
/// A leaf hash is SHA-256(0x00 || eventBytes) and an interior node is SHA-256(0x01 || left || right).
/// The distinct prefixes (domain separation, as in RFC 6962 section 2.1) stop an attacker from
/// presenting an interior node as a leaf, which would otherwise allow a second-preimage attack on the tree.
/// </remarks>
public static class EventHash
{
    /// <summary>Length of every hash in bytes.</summary>
    public const int Size = 32;

    internal const byte LeafPrefix = 0x00;
    internal const byte NodePrefix = 0x01;

    /// <summary>Computes the leaf hash of one event.</summary>
    public static byte[] ComputeLeaf(ReadOnlySpan<byte> eventBytes)
    {
        var hash = new byte[Size];
        ComputeLeaf(eventBytes, hash);
        return hash;
    }

    /// <summary>Writes the leaf hash of one event into <paramref name="destination"/> (at least 32 bytes).</summary>
    public static void ComputeLeaf(ReadOnlySpan<byte> eventBytes, Span<byte> destination) =>
        Sha256.HashPrefixed(LeafPrefix, eventBytes, destination);

    /// <summary>Writes the interior node hash of two 32-byte children into <paramref name="destination"/>.</summary>
    /// <remarks><paramref name="destination"/> may overlap either child.</remarks>
    public static void ComputeNode(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination) =>
        Sha256.HashPrefixed(NodePrefix, left[..Size], right[..Size], destination);
}
