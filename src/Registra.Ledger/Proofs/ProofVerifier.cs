using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Registra.Ledger;

/// <summary>
/// Checks an <see cref="InclusionProof"/> against a node public key. It uses only .NET, NSec and
/// the proof types, so an auditor can read this file alone and reproduce every step.
/// </summary>
public static class ProofVerifier
{
    private const int HashSize = 32;
    private const int HeaderFixedSize = 97;

    /// <summary>
    /// Checks, in order: the proof decodes, its key id is the id of <paramref name="publicKey"/>,
    /// the signature verifies over the header bytes, the header parses and names the same key id,
    /// the sequence lies in the header's event range, and the audit path leads from
    /// SHA-256(0x00 || event) to the header's Merkle root.
    /// </summary>
    /// <param name="publicKey">Raw 32-byte Ed25519 public key of the node.</param>
    public static ProofCheck Verify(InclusionProof proof, byte[] publicKey)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(publicKey);

        if (!TryDecode(proof, out byte[] eventBytes, out byte[][] path, out byte[] header, out byte[] signature))
        {
            return ProofCheck.ProofMalformed;
        }

        if (proof.KeyId != ComputeKeyId(publicKey))
        {
            return ProofCheck.KeyIdMismatch;
        }

        if (!IsSignatureValid(publicKey, header, signature))
        {
            return ProofCheck.SignatureInvalid;
        }

        if (!TryReadHeader(header, out long firstSequence, out int eventCount, out byte[] merkleRoot, out string headerKeyId))
        {
            return ProofCheck.HeaderMalformed;
        }

        if (headerKeyId != proof.KeyId)
        {
            return ProofCheck.KeyIdMismatch;
        }

        if (!IsInRange(proof, firstSequence, eventCount))
        {
            return ProofCheck.SequenceOutOfRange;
        }

        return LeadsToRoot(eventBytes, proof.LeafIndex, proof.LeafCount, path, merkleRoot)
            ? ProofCheck.Valid
            : ProofCheck.LeafNotInTree;
    }

    private static bool TryDecode(InclusionProof proof, out byte[] eventBytes, out byte[][] path, out byte[] header, out byte[] signature)
    {
        eventBytes = [];
        path = [];
        header = [];
        signature = [];
        if (proof.EventBytes is null || proof.Path is null || proof.Header is null || proof.Signature is null || proof.KeyId is null)
        {
            return false;
        }

        try
        {
            eventBytes = Convert.FromBase64String(proof.EventBytes);
            header = Convert.FromHexString(proof.Header);
            signature = Convert.FromHexString(proof.Signature);
            path = Array.ConvertAll(proof.Path, hex => Convert.FromHexString(hex ?? string.Empty));
        }
        catch (FormatException)
        {
            return false;
        }

        return Array.TrueForAll(path, sibling => sibling.Length == HashSize);
    }

    // Key id: the first 8 bytes of SHA-256 of the raw public key, as 16 lowercase hex characters.
    private static string ComputeKeyId(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey).AsSpan(0, 8));

    private static bool IsSignatureValid(byte[] publicKey, byte[] header, byte[] signature)
    {
        var algorithm = SignatureAlgorithm.Ed25519;
        return PublicKey.TryImport(algorithm, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? key)
            && key is not null
            && algorithm.Verify(key, header, signature);
    }

    // Reads the fields the proof needs from the canonical header layout. All integers are little-endian.
    // Offsets: 0 format version (int32, 1), 4 height (int64), 12 first sequence (int64),
    // 20 event count (int32), 24 commit time (int64), 32 Merkle root (32 bytes),
    // 64 previous hash (32 bytes), 96 key id length L (1 byte), 97 key id (L ASCII bytes).
    private static bool TryReadHeader(byte[] header, out long firstSequence, out int eventCount, out byte[] merkleRoot, out string keyId)
    {
        firstSequence = 0;
        eventCount = 0;
        merkleRoot = [];
        keyId = string.Empty;
        if (header.Length <= HeaderFixedSize || header.Length != HeaderFixedSize + header[96])
        {
            return false;
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(header) != 1)
        {
            return false;
        }

        firstSequence = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(12));
        eventCount = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20));
        merkleRoot = header[32..64];
        keyId = Encoding.ASCII.GetString(header, HeaderFixedSize, header[96]);
        return firstSequence >= 1 && eventCount >= 1;
    }

    private static bool IsInRange(InclusionProof proof, long firstSequence, int eventCount) =>
        proof.LeafCount == eventCount
        && proof.LeafIndex >= 0
        && proof.LeafIndex < eventCount
        && proof.Sequence == firstSequence + proof.LeafIndex;

    // Recomputes the root from the leaf upwards through the RFC 6962 tree, built bottom-up.
    // At each level a right child is hashed after its left sibling and a left child before its
    // right sibling. A last node without a sibling moves up a level unchanged.
    private static bool LeadsToRoot(byte[] eventBytes, int index, int count, byte[][] path, byte[] merkleRoot)
    {
        byte[] node = SHA256.HashData([0x00, .. eventBytes]);
        int used = 0;
        for (; count > 1; count = (count + 1) / 2, index /= 2)
        {
            bool isRightChild = index % 2 == 1;
            if (!isRightChild && index + 1 >= count)
            {
                continue;
            }

            if (used == path.Length)
            {
                return false;
            }

            byte[] sibling = path[used++];
            node = isRightChild
                ? SHA256.HashData([0x01, .. sibling, .. node])
                : SHA256.HashData([0x01, .. node, .. sibling]);
        }

        return used == path.Length && CryptographicOperations.FixedTimeEquals(node, merkleRoot);
    }
}
