using System.Buffers;
using System.Security.Cryptography;

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

    // Events up to this length are prefixed on the stack, and longer ones in a pooled buffer.
    private const int MaxStackInputLength = 1024;

    // One reusable SHA-256 context per thread. SHA256.HashData creates and frees an OpenSSL context
    // on every call, which on OpenSSL 3.0 costs more than hashing 100 bytes. A reused context took
    // about 490 ns per 101-byte input instead of 765 ns (Linux, OpenSSL 3.0.19, best of ten runs).
    // NOTE: the contexts live as long as their threads and are never disposed.
    [ThreadStatic]
    private static IncrementalHash? sha256;

    /// <summary>Computes the leaf hash of one event.</summary>
    public static byte[] ComputeLeaf(ReadOnlySpan<byte> eventBytes)
    {
        var hash = new byte[Size];
        ComputeLeaf(eventBytes, hash);
        return hash;
    }

    /// <summary>Writes the leaf hash of one event into <paramref name="destination"/> (at least 32 bytes).</summary>
    public static void ComputeLeaf(ReadOnlySpan<byte> eventBytes, Span<byte> destination)
    {
        int inputLength = eventBytes.Length + 1;
        if (inputLength <= MaxStackInputLength)
        {
            Span<byte> input = stackalloc byte[inputLength];
            HashPrefixed(LeafPrefix, eventBytes, input, destination);
            return;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(inputLength);
        try
        {
            HashPrefixed(LeafPrefix, eventBytes, rented.AsSpan(0, inputLength), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the interior node hash of two 32-byte children into <paramref name="destination"/>.</summary>
    /// <remarks><paramref name="destination"/> may overlap either child.</remarks>
    public static void ComputeNode(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[1 + 2 * Size];
        input[0] = NodePrefix;
        left[..Size].CopyTo(input[1..]);
        right[..Size].CopyTo(input[(1 + Size)..]);
        Hash(input, destination);
    }

    /// <summary>Writes the leaf hash of one event, reusing <paramref name="sha256"/> (left reset afterwards).</summary>
    internal static void ComputeLeaf(IncrementalHash sha256, ReadOnlySpan<byte> eventBytes, Span<byte> destination)
    {
        sha256.AppendData([LeafPrefix]);
        sha256.AppendData(eventBytes);
        sha256.GetHashAndReset(destination);
    }

    /// <summary>Writes the interior node hash of two children, reusing <paramref name="sha256"/> (left reset afterwards).</summary>
    internal static void ComputeNode(IncrementalHash sha256, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[1 + 2 * Size];
        input[0] = NodePrefix;
        left[..Size].CopyTo(input[1..]);
        right[..Size].CopyTo(input[(1 + Size)..]);
        sha256.AppendData(input);
        sha256.GetHashAndReset(destination);
    }

    private static void HashPrefixed(byte prefix, ReadOnlySpan<byte> data, Span<byte> scratch, Span<byte> destination)
    {
        scratch[0] = prefix;
        data.CopyTo(scratch[1..]);
        Hash(scratch, destination);
    }

    private static void Hash(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        IncrementalHash context = sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        context.AppendData(input);
        context.GetHashAndReset(destination);
    }
}
