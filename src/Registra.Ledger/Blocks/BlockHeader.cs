using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Registra.Ledger;

/// <summary>
/// Signed header of a journal block: position in the chain, event range, Merkle root of the
/// events' leaf hashes and the hash of the previous header.
/// </summary>
/// <remarks>
/// Canonical byte layout (all integers little-endian, 97 + KeyId length bytes in total):
/// <code>
/// offset  size  field
///      0     4  FormatVersion (int32, always 1)
///      4     8  Height (int64, at least 1)
///     12     8  FirstSequence (int64, at least 1)
///     20     4  EventCount (int32, at least 1)
///     24     8  CommittedAtUnixMicroseconds (int64, not negative)
///     32    32  MerkleRoot
///     64    32  PreviousHash (32 zero bytes for height 1)
///     96     1  KeyId length L (1 to 64)
///     97     L  KeyId (printable ASCII, 0x21 to 0x7E)
/// </code>
/// The parser accepts exactly the byte strings this layout produces, so re-encoding a parsed
/// header gives back the same bytes and the same hash.
/// </remarks>
public sealed record BlockHeader
{
    /// <summary>The only format version this code reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Maximum length of a key id in characters.</summary>
    public const int MaxKeyIdLength = 64;

    private const int FixedSize = 97;

    /// <summary>Creates a header of the current format version.</summary>
    /// <exception cref="ArgumentException">A value is out of range or a hash is not 32 bytes long.</exception>
    public BlockHeader(
        long height,
        long firstSequence,
        int eventCount,
        long committedAtUnixMicroseconds,
        byte[] merkleRoot,
        byte[] previousHash,
        string keyId)
    {
        ArgumentNullException.ThrowIfNull(merkleRoot);
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(keyId);

        string? problem = FindProblem(height, firstSequence, eventCount, committedAtUnixMicroseconds)
            ?? FindHashProblem(merkleRoot, previousHash)
            ?? FindKeyIdProblem(keyId);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid block header: {problem}");
        }

        Height = height;
        FirstSequence = firstSequence;
        EventCount = eventCount;
        CommittedAtUnixMicroseconds = committedAtUnixMicroseconds;
        MerkleRoot = merkleRoot;
        PreviousHash = previousHash;
        KeyId = keyId;
    }

    public int FormatVersion => CurrentFormatVersion;

    /// <summary>Position in the chain, starting at 1 for the first block.</summary>
    public long Height { get; }

    /// <summary>Sequence number of the block's first event. The first event of the journal has sequence 1.</summary>
    public long FirstSequence { get; }

    public int EventCount { get; }

    /// <summary>Commit time chosen by the sequencer, in microseconds since the Unix epoch.</summary>
    public long CommittedAtUnixMicroseconds { get; }

    /// <summary>Merkle root over the leaf hashes of the block's events (32 bytes).</summary>
    public byte[] MerkleRoot { get; }

    /// <summary>Hash of the previous block's header (32 bytes, all zero for height 1).</summary>
    public byte[] PreviousHash { get; }

    /// <summary>Key id of the node key that signs this header.</summary>
    public string KeyId { get; }

    /// <summary>Sequence number of the block's last event.</summary>
    public long LastSequence => FirstSequence + EventCount - 1;

    /// <summary>Length of the canonical encoding in bytes.</summary>
    public int CanonicalLength => FixedSize + KeyId.Length;

    /// <summary>Encodes the header in the canonical layout described on the type.</summary>
    public byte[] ToCanonicalBytes()
    {
        var bytes = new byte[CanonicalLength];
        Span<byte> span = bytes;
        BinaryPrimitives.WriteInt32LittleEndian(span, CurrentFormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], Height);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], FirstSequence);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], EventCount);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], CommittedAtUnixMicroseconds);
        MerkleRoot.CopyTo(span[32..]);
        PreviousHash.CopyTo(span[64..]);
        span[96] = (byte)KeyId.Length;
        for (int i = 0; i < KeyId.Length; i++)
        {
            span[FixedSize + i] = (byte)KeyId[i];
        }

        return bytes;
    }

    /// <summary>Computes SHA-256 of the canonical bytes: the block hash that the next block links to.</summary>
    public byte[] ComputeHash() => SHA256.HashData(ToCanonicalBytes());

    /// <summary>Decodes a header from its canonical layout.</summary>
    /// <exception cref="FormatException">The bytes are not a valid canonical header. The message names the field.</exception>
    public static BlockHeader FromCanonicalBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < FixedSize + 1)
        {
            throw new FormatException($"Block header is {bytes.Length} bytes long, expected at least {FixedSize + 1}.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (version != CurrentFormatVersion)
        {
            throw new FormatException($"Block header format version {version} is not supported, expected {CurrentFormatVersion}.");
        }

        int keyIdLength = bytes[96];
        if (bytes.Length != FixedSize + keyIdLength)
        {
            throw new FormatException(
                $"Block header is {bytes.Length} bytes long, but its key id length {keyIdLength} requires {FixedSize + keyIdLength}.");
        }

        long height = BinaryPrimitives.ReadInt64LittleEndian(bytes[4..]);
        long firstSequence = BinaryPrimitives.ReadInt64LittleEndian(bytes[12..]);
        int eventCount = BinaryPrimitives.ReadInt32LittleEndian(bytes[20..]);
        long committedAt = BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]);
        byte[] merkleRoot = bytes.Slice(32, 32).ToArray();
        byte[] previousHash = bytes.Slice(64, 32).ToArray();
        string keyId = DecodeKeyId(bytes.Slice(FixedSize, keyIdLength));

        string? problem = FindProblem(height, firstSequence, eventCount, committedAt) ?? FindKeyIdProblem(keyId);
        if (problem is not null)
        {
            throw new FormatException($"Invalid block header: {problem}");
        }

        return new BlockHeader(height, firstSequence, eventCount, committedAt, merkleRoot, previousHash, keyId);
    }

    public bool Equals(BlockHeader? other) =>
        other is not null
        && Height == other.Height
        && FirstSequence == other.FirstSequence
        && EventCount == other.EventCount
        && CommittedAtUnixMicroseconds == other.CommittedAtUnixMicroseconds
        && MerkleRoot.AsSpan().SequenceEqual(other.MerkleRoot)
        && PreviousHash.AsSpan().SequenceEqual(other.PreviousHash)
        && KeyId == other.KeyId;

    public override int GetHashCode() => HashCode.Combine(Height, FirstSequence, EventCount, KeyId);

    private static string? FindProblem(long height, long firstSequence, int eventCount, long committedAt)
    {
        if (height < 1)
        {
            return $"height {height} is less than 1.";
        }

        if (firstSequence < 1)
        {
            return $"first sequence {firstSequence} is less than 1.";
        }

        if (eventCount < 1)
        {
            return $"event count {eventCount} is less than 1.";
        }

        if (firstSequence > long.MaxValue - eventCount + 1)
        {
            return $"last sequence of first sequence {firstSequence} and event count {eventCount} overflows a 64-bit integer.";
        }

        return committedAt < 0 ? $"commit time {committedAt} is negative." : null;
    }

    private static string? FindHashProblem(byte[] merkleRoot, byte[] previousHash)
    {
        if (merkleRoot.Length != EventHash.Size)
        {
            return $"Merkle root is {merkleRoot.Length} bytes long, expected {EventHash.Size}.";
        }

        return previousHash.Length != EventHash.Size
            ? $"previous hash is {previousHash.Length} bytes long, expected {EventHash.Size}."
            : null;
    }

    private static string? FindKeyIdProblem(string keyId)
    {
        if (keyId.Length is 0 or > MaxKeyIdLength)
        {
            return $"key id length {keyId.Length} is outside 1 to {MaxKeyIdLength}.";
        }

        foreach (char c in keyId)
        {
            if (c is < '!' or > '~')
            {
                return $"key id contains the character U+{(int)c:X4}, expected printable ASCII.";
            }
        }

        return null;
    }

    // Maps each byte to the char of the same value, so that FindKeyIdProblem can reject non-ASCII bytes.
    private static string DecodeKeyId(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return new string(chars);
    }
}
