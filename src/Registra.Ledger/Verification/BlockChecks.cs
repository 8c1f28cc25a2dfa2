using System.Security.Cryptography;

namespace Registra.Ledger;

/// <summary>
/// Single checks of a stored block. Each returns null when the check passes, or a sentence
/// naming the block, the check and the stored and computed values.
/// </summary>
internal static class BlockChecks
{
    public static string? CheckChain(BlockHeader header, ChainPosition previous)
    {
        if (header.Height != previous.Height + 1)
        {
            string position = previous.Height == 0 ? "for the first block" : $"after block {previous.Height}";
            return $"Block {header.Height}: height gap: expected height {previous.Height + 1} {position}.";
        }

        if (header.FirstSequence != previous.LastSequence + 1)
        {
            return $"Block {header.Height}: sequence gap: first sequence {header.FirstSequence}, expected {previous.LastSequence + 1}.";
        }

        if (!header.PreviousHash.AsSpan().SequenceEqual(previous.Hash))
        {
            return $"Block {header.Height}: previous hash mismatch: stored {Short(header.PreviousHash)} " +
                $"but the hash of block {previous.Height} is {Short(previous.Hash)}.";
        }

        return null;
    }

    public static string? CheckHeaderHash(SealedBlock block)
    {
        byte[] computed = block.Header.ComputeHash();
        return CryptographicOperations.FixedTimeEquals(computed, block.Hash)
            ? null
            : $"Block {block.Header.Height}: header hash mismatch: stored {Short(block.Hash)} computed {Short(computed)}.";
    }

    public static string? CheckKeyId(BlockHeader header, string keyId) =>
        header.KeyId == keyId
            ? null
            : $"Block {header.Height}: key id mismatch: header names key {header.KeyId}, the public key has id {keyId}.";

    public static string? CheckSignature(SealedBlock block, byte[] publicKey) =>
        NodeKey.Verify(publicKey, block.Header.ToCanonicalBytes(), block.Signature)
            ? null
            : $"Block {block.Header.Height}: signature invalid for key {block.Header.KeyId}.";

    public static string? CheckMerkleRoot(BlockHeader header, List<ReadOnlyMemory<byte>> events)
    {
        byte[] computed = BlockSealer.ComputeMerkleRoot(events);
        return CryptographicOperations.FixedTimeEquals(computed, header.MerkleRoot)
            ? null
            : $"Block {header.Height}: Merkle root mismatch: stored {Short(header.MerkleRoot)} computed {Short(computed)}.";
    }

    // The first 8 hex characters are enough to tell two hashes apart in a message.
    private static string Short(byte[] hash) => Convert.ToHexStringLower(hash.AsSpan(0, Math.Min(4, hash.Length))) + "…";
}
