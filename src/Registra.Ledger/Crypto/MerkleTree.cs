using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Registra.Ledger;

/// <summary>
/// Merkle tree over leaf hashes with the shape of RFC 6962 section 2.1: for n leaves the left
/// subtree contains the largest power of two smaller than n, and the right subtree the rest.
/// </summary>
/// <remarks>
/// The tree is computed bottom-up: adjacent pairs are hashed level by level and an unpaired last
/// node moves up a level unchanged. This yields the same root and audit paths as the recursive
/// RFC 6962 definition. Audit paths list sibling hashes from the leaf level upwards.
/// </remarks>
public static class MerkleTree
{
    /// <summary>Computes the root of a tree over at least one 32-byte leaf hash.</summary>
    /// <exception cref="ArgumentException">The list is empty or a leaf hash is not 32 bytes long.</exception>
    public static byte[] Root(ReadOnlySpan<byte[]> leafHashes)
    {
        byte[] nodes = RentLeafCopy(leafHashes);
        try
        {
            return ComputeRootInPlace(nodes, leafHashes.Length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(nodes);
        }
    }

    /// <inheritdoc cref="Root(ReadOnlySpan{byte[]})"/>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) => Root(AsSpan(leafHashes));

    /// <summary>Computes the audit path of the leaf at <paramref name="index"/>, from the leaf level upwards.</summary>
    /// <exception cref="ArgumentException">The list is empty or a leaf hash is not 32 bytes long.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a leaf index.</exception>
    public static byte[][] Path(ReadOnlySpan<byte[]> leafHashes, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Length);

        byte[] nodes = RentLeafCopy(leafHashes);
        try
        {
            return CollectPath(nodes, leafHashes.Length, index);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(nodes);
        }
    }

    /// <inheritdoc cref="Path(ReadOnlySpan{byte[]}, int)"/>
    public static byte[][] Path(IReadOnlyList<byte[]> leafHashes, int index) => Path(AsSpan(leafHashes), index);

    /// <summary>
    /// Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of a tree of
    /// <paramref name="leafCount"/> leaves with the given root. Returns false for any malformed
    /// argument (wrong hash length, index out of range, path of the wrong length).
    /// </summary>
    public static bool VerifyPath(byte[] leafHash, int index, int leafCount, byte[][] path, byte[] root)
    {
        if (leafHash is null || path is null || root is null)
        {
            return false;
        }

        if (leafHash.Length != EventHash.Size || root.Length != EventHash.Size)
        {
            return false;
        }

        if (index < 0 || index >= leafCount)
        {
            return false;
        }

        Span<byte> current = stackalloc byte[EventHash.Size];
        leafHash.CopyTo(current);
        int used = 0;

        // Replay the bottom-up construction for one node per level, consuming a sibling
        // whenever the node has one at that level.
        for (int count = leafCount; count > 1; count = (count + 1) / 2, index /= 2)
        {
            bool isRightChild = (index & 1) == 1;
            bool hasRightSibling = index + 1 < count;
            if (!isRightChild && !hasRightSibling)
            {
                continue;
            }

            if (used == path.Length || path[used] is not { Length: EventHash.Size } sibling)
            {
                return false;
            }

            used++;
            if (isRightChild)
            {
                EventHash.ComputeNode(sibling, current, current);
            }
            else
            {
                EventHash.ComputeNode(current, sibling, current);
            }
        }

        return used == path.Length && CryptographicOperations.FixedTimeEquals(current, root);
    }

    /// <summary>
    /// Reduces <paramref name="count"/> contiguous 32-byte leaf hashes to the root, overwriting
    /// the buffer. Returns the root as a slice of <paramref name="nodes"/>.
    /// </summary>
    internal static ReadOnlySpan<byte> ComputeRootInPlace(Span<byte> nodes, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        while (count > 1)
        {
            count = ReduceLevel(nodes, count);
        }

        return nodes[..EventHash.Size];
    }

    // Hashes adjacent pairs of one level into the front of the buffer and returns the new node count.
    // Node j of the next level is written after nodes 2j and 2j+1 have been read, so working in place is safe.
    private static int ReduceLevel(Span<byte> nodes, int count)
    {
        int pairs = count / 2;
        for (int j = 0; j < pairs; j++)
        {
            EventHash.ComputeNode(
                nodes.Slice(2 * j * EventHash.Size, EventHash.Size),
                nodes.Slice((2 * j + 1) * EventHash.Size, EventHash.Size),
                nodes.Slice(j * EventHash.Size, EventHash.Size));
        }

        if ((count & 1) == 1)
        {
            nodes.Slice((count - 1) * EventHash.Size, EventHash.Size).CopyTo(nodes.Slice(pairs * EventHash.Size));
        }

        return (count + 1) / 2;
    }

    private static byte[][] CollectPath(Span<byte> nodes, int count, int index)
    {
        var path = new List<byte[]>(32);
        while (count > 1)
        {
            int sibling = (index & 1) == 1 ? index - 1 : index + 1;
            if (sibling < count)
            {
                path.Add(nodes.Slice(sibling * EventHash.Size, EventHash.Size).ToArray());
            }

            count = ReduceLevel(nodes, count);
            index /= 2;
        }

        return path.ToArray();
    }

    private static byte[] RentLeafCopy(ReadOnlySpan<byte[]> leafHashes)
    {
        if (leafHashes.IsEmpty)
        {
            throw new ArgumentException("A Merkle tree needs at least one leaf.", nameof(leafHashes));
        }

        byte[] nodes = ArrayPool<byte>.Shared.Rent(leafHashes.Length * EventHash.Size);
        for (int i = 0; i < leafHashes.Length; i++)
        {
            if (leafHashes[i] is not { Length: EventHash.Size } leaf)
            {
                ArrayPool<byte>.Shared.Return(nodes);
                throw new ArgumentException($"Leaf hash {i} is not {EventHash.Size} bytes long.", nameof(leafHashes));
            }

            leaf.CopyTo(nodes, i * EventHash.Size);
        }

        return nodes;
    }

    private static ReadOnlySpan<byte[]> AsSpan(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        return leafHashes switch
        {
            byte[][] array => array,
            List<byte[]> list => CollectionsMarshal.AsSpan(list),
            _ => leafHashes.ToArray(),
        };
    }
}
