using System.Buffers.Binary;
using System.Security.Cryptography;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class BlockHeaderTests
{
    private static BlockHeader Sample(long height = 17) => new(
        height,
        firstSequence: 1001,
        eventCount: 250,
        committedAtUnixMicroseconds: LedgerTestData.CommitTime,
        merkleRoot: Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
        previousHash: Enumerable.Range(100, 32).Select(i => (byte)i).ToArray(),
        keyId: "0123456789abcdef");

    [Fact]
    public void CanonicalBytes_RoundTrip()
    {
        BlockHeader header = Sample();

        byte[] bytes = header.ToCanonicalBytes();
        BlockHeader decoded = BlockHeader.FromCanonicalBytes(bytes);

        Assert.Equal(header, decoded);
        Assert.Equal(bytes, decoded.ToCanonicalBytes());
        Assert.Equal(1, decoded.FormatVersion);
        Assert.Equal(1250, decoded.LastSequence);
    }

    [Fact]
    public void CanonicalBytes_FollowDocumentedLayout()
    {
        BlockHeader header = Sample();

        byte[] bytes = header.ToCanonicalBytes();

        Assert.Equal(97 + 16, bytes.Length);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(17, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(1001, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(250, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(LedgerTestData.CommitTime, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(header.MerkleRoot, bytes[32..64]);
        Assert.Equal(header.PreviousHash, bytes[64..96]);
        Assert.Equal(16, bytes[96]);
        Assert.Equal("0123456789abcdef"u8.ToArray(), bytes[97..]);
    }

    [Fact]
    public void ComputeHash_IsSha256OfCanonicalBytes()
    {
        BlockHeader header = Sample();

        Assert.Equal(SHA256.HashData(header.ToCanonicalBytes()), header.ComputeHash());
    }

    [Fact]
    public void ComputeHash_ChangesWithEveryField()
    {
        BlockHeader h = Sample();
        byte[] otherHash = new byte[32];
        byte[] baseline = h.ComputeHash();

        Assert.NotEqual(baseline, new BlockHeader(18, h.FirstSequence, h.EventCount, h.CommittedAtUnixMicroseconds, h.MerkleRoot, h.PreviousHash, h.KeyId).ComputeHash());
        Assert.NotEqual(baseline, new BlockHeader(h.Height, 1002, h.EventCount, h.CommittedAtUnixMicroseconds, h.MerkleRoot, h.PreviousHash, h.KeyId).ComputeHash());
        Assert.NotEqual(baseline, new BlockHeader(h.Height, h.FirstSequence, 251, h.CommittedAtUnixMicroseconds, h.MerkleRoot, h.PreviousHash, h.KeyId).ComputeHash());
        Assert.NotEqual(baseline, new BlockHeader(h.Height, h.FirstSequence, h.EventCount, 1, h.MerkleRoot, h.PreviousHash, h.KeyId).ComputeHash());
        Assert.NotEqual(baseline, new BlockHeader(h.Height, h.FirstSequence, h.EventCount, h.CommittedAtUnixMicroseconds, otherHash, h.PreviousHash, h.KeyId).ComputeHash());
        Assert.NotEqual(baseline, new BlockHeader(h.Height, h.FirstSequence, h.EventCount, h.CommittedAtUnixMicroseconds, h.MerkleRoot, otherHash, h.KeyId).ComputeHash());
        Assert.NotEqual(baseline, new BlockHeader(h.Height, h.FirstSequence, h.EventCount, h.CommittedAtUnixMicroseconds, h.MerkleRoot, h.PreviousHash, "0123456789abcdeg").ComputeHash());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(97)]
    [InlineData(112)]
    public void FromCanonicalBytes_TruncatedRejected(int length)
    {
        byte[] bytes = Sample().ToCanonicalBytes();

        Assert.Throws<FormatException>(() => BlockHeader.FromCanonicalBytes(bytes.AsSpan(0, length)));
    }

    [Fact]
    public void FromCanonicalBytes_TrailingByteRejected()
    {
        byte[] bytes = [.. Sample().ToCanonicalBytes(), 0];

        Assert.Throws<FormatException>(() => BlockHeader.FromCanonicalBytes(bytes));
    }

    [Theory]
    [InlineData(0, 2, "format version 2")]
    [InlineData(4, 0, "height 0")]
    [InlineData(12, 0, "first sequence 0")]
    [InlineData(20, 0, "event count 0")]
    public void FromCanonicalBytes_InvalidFieldRejected(int offset, long value, string expectedMessagePart)
    {
        byte[] bytes = Sample().ToCanonicalBytes();
        if (offset is 0 or 20)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), (int)value);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset), value);
        }

        FormatException error = Assert.Throws<FormatException>(() => BlockHeader.FromCanonicalBytes(bytes));

        Assert.Contains(expectedMessagePart, error.Message);
    }

    [Fact]
    public void FromCanonicalBytes_NegativeCommitTimeRejected()
    {
        byte[] bytes = Sample().ToCanonicalBytes();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), -1);

        Assert.Throws<FormatException>(() => BlockHeader.FromCanonicalBytes(bytes));
    }

    [Fact]
    public void FromCanonicalBytes_SequenceOverflowRejected()
    {
        byte[] bytes = Sample().ToCanonicalBytes();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), long.MaxValue);

        Assert.Throws<FormatException>(() => BlockHeader.FromCanonicalBytes(bytes));
    }

    [Fact]
    public void FromCanonicalBytes_NonAsciiKeyIdRejected()
    {
        byte[] bytes = Sample().ToCanonicalBytes();
        bytes[100] = 0xC3;

        Assert.Throws<FormatException>(() => BlockHeader.FromCanonicalBytes(bytes));
    }

    [Fact]
    public void FromCanonicalBytes_ZeroKeyIdLengthRejected()
    {
        byte[] bytes = Sample().ToCanonicalBytes()[..97];
        bytes[96] = 0;

        Assert.Throws<FormatException>(() => BlockHeader.FromCanonicalBytes(bytes));
    }

    [Fact]
    public void Constructor_InvalidValuesRejected()
    {
        byte[] hash = new byte[32];

        Assert.Throws<ArgumentException>(() => new BlockHeader(0, 1, 1, 0, hash, hash, "k"));
        Assert.Throws<ArgumentException>(() => new BlockHeader(1, 1, 0, 0, hash, hash, "k"));
        Assert.Throws<ArgumentException>(() => new BlockHeader(1, 1, 1, 0, new byte[31], hash, "k"));
        Assert.Throws<ArgumentException>(() => new BlockHeader(1, 1, 1, 0, hash, new byte[33], "k"));
        Assert.Throws<ArgumentException>(() => new BlockHeader(1, 1, 1, 0, hash, hash, ""));
        Assert.Throws<ArgumentException>(() => new BlockHeader(1, 1, 1, 0, hash, hash, "key id"));
        Assert.Throws<ArgumentException>(() => new BlockHeader(1, 1, 1, 0, hash, hash, new string('k', 65)));
    }
}
