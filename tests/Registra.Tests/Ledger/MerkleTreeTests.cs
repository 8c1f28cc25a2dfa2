using System.Security.Cryptography;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class MerkleTreeTests
{
    [Fact]
    public void LeafHash_PrefixesZeroByte()
    {
        byte[] eventBytes = [1, 2, 3];

        byte[] expected = SHA256.HashData([0x00, 1, 2, 3]);

        Assert.Equal(expected, EventHash.ComputeLeaf(eventBytes));
    }

    [Fact]
    public void LeafHash_LongEventMatchesDirectHash()
    {
        byte[] eventBytes = new byte[5000];
        new Random(7).NextBytes(eventBytes);

        byte[] expected = SHA256.HashData([0x00, .. eventBytes]);

        Assert.Equal(expected, EventHash.ComputeLeaf(eventBytes));
    }

    [Fact]
    public void Root_MatchesRecursiveReference_1To40Leaves()
    {
        for (int count = 1; count <= 40; count++)
        {
            byte[][] leaves = MakeLeaves(count);

            Assert.Equal(ReferenceRoot(leaves), MerkleTree.Root(leaves));
            Assert.Equal(ReferenceRoot(leaves), MerkleTree.Root((IReadOnlyList<byte[]>)leaves.ToList()));
        }
    }

    [Fact]
    public void Path_MatchesReferenceAndVerifies_EveryLeaf1To40()
    {
        for (int count = 1; count <= 40; count++)
        {
            byte[][] leaves = MakeLeaves(count);
            byte[] root = MerkleTree.Root(leaves);

            for (int index = 0; index < count; index++)
            {
                byte[][] path = MerkleTree.Path(leaves, index);

                Assert.Equal(ReferencePath(leaves, index), path);
                Assert.True(MerkleTree.VerifyPath(leaves[index], index, count, path, root), $"leaf {index} of {count}");
            }
        }
    }

    [Fact]
    public void VerifyPath_WrongLeafIndexOrPathFails()
    {
        for (int count = 2; count <= 40; count++)
        {
            byte[][] leaves = MakeLeaves(count);
            byte[] root = MerkleTree.Root(leaves);

            for (int index = 0; index < count; index++)
            {
                byte[][] path = MerkleTree.Path(leaves, index);
                int otherIndex = (index + 1) % count;

                Assert.False(MerkleTree.VerifyPath(leaves[otherIndex], index, count, path, root), $"wrong leaf {index} of {count}");
                Assert.False(MerkleTree.VerifyPath(leaves[index], otherIndex, count, path, root), $"wrong index {index} of {count}");
                Assert.False(MerkleTree.VerifyPath(leaves[index], index, count, FlipFirstPathBit(path), root), $"flipped path {index} of {count}");
                Assert.False(MerkleTree.VerifyPath(leaves[index], index, count, path[..^1], root), $"short path {index} of {count}");
                Assert.False(MerkleTree.VerifyPath(leaves[index], index, count, [.. path, root], root), $"long path {index} of {count}");
            }
        }
    }

    [Fact]
    public void VerifyPath_WrongLeafCountFails()
    {
        byte[][] leaves = MakeLeaves(13);
        byte[] root = MerkleTree.Root(leaves);
        byte[][] path = MerkleTree.Path(leaves, 12);

        Assert.False(MerkleTree.VerifyPath(leaves[12], 12, 14, path, root));
        Assert.False(MerkleTree.VerifyPath(leaves[12], 12, 12, path, root));
    }

    [Fact]
    public void VerifyPath_MalformedArgumentsReturnFalse()
    {
        byte[][] leaves = MakeLeaves(4);
        byte[] root = MerkleTree.Root(leaves);
        byte[][] path = MerkleTree.Path(leaves, 1);

        Assert.False(MerkleTree.VerifyPath(leaves[1], -1, 4, path, root));
        Assert.False(MerkleTree.VerifyPath(leaves[1], 4, 4, path, root));
        Assert.False(MerkleTree.VerifyPath(leaves[1], 1, 0, path, root));
        Assert.False(MerkleTree.VerifyPath(leaves[1][..31], 1, 4, path, root));
        Assert.False(MerkleTree.VerifyPath(leaves[1], 1, 4, path, root[..31]));
        Assert.False(MerkleTree.VerifyPath(leaves[1], 1, 4, [path[0], path[1][..16]], root));
    }

    [Fact]
    public void Root_EmptyTreeRejected()
    {
        Assert.Throws<ArgumentException>(() => MerkleTree.Root(Array.Empty<byte[]>()));
    }

    [Fact]
    public void Root_WrongLeafLengthRejected()
    {
        byte[][] leaves = [new byte[32], new byte[31]];

        Assert.Throws<ArgumentException>(() => MerkleTree.Root(leaves));
    }

    [Fact]
    public void Path_IndexOutOfRangeRejected()
    {
        byte[][] leaves = MakeLeaves(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.Path(leaves, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.Path(leaves, -1));
    }

    [Fact]
    public void Root_SingleLeafIsTheLeaf()
    {
        byte[][] leaves = MakeLeaves(1);

        Assert.Equal(leaves[0], MerkleTree.Root(leaves));
        Assert.Empty(MerkleTree.Path(leaves, 0));
    }

    private static byte[][] MakeLeaves(int count)
    {
        var leaves = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            leaves[i] = EventHash.ComputeLeaf([(byte)i, (byte)(i >> 8), 0x5a]);
        }

        return leaves;
    }

    private static byte[][] FlipFirstPathBit(byte[][] path)
    {
        byte[][] copy = path.Select(p => (byte[])p.Clone()).ToArray();
        copy[0][0] ^= 1;
        return copy;
    }

    // Reference implementation written straight from the recursive RFC 6962 definition.
    private static byte[] ReferenceRoot(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        int split = LargestPowerOfTwoBelow(leaves.Length);
        return HashNode(ReferenceRoot(leaves[..split]), ReferenceRoot(leaves[split..]));
    }

    private static List<byte[]> ReferencePath(ReadOnlySpan<byte[]> leaves, int index)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        int split = LargestPowerOfTwoBelow(leaves.Length);
        if (index < split)
        {
            List<byte[]> path = ReferencePath(leaves[..split], index);
            path.Add(ReferenceRoot(leaves[split..]));
            return path;
        }

        List<byte[]> rightPath = ReferencePath(leaves[split..], index - split);
        rightPath.Add(ReferenceRoot(leaves[..split]));
        return rightPath;
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static byte[] HashNode(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);
}
