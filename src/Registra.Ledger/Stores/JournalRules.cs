using System.Data.Common;

namespace Registra.Ledger;

/// <summary>
/// Checks every journal store applies in the same way: that an appended block follows the head,
/// and that a stored block row agrees with the header it was taken from.
/// </summary>
internal static class JournalRules
{
    /// <summary>Columns of a block row in the order <see cref="DecodeBlockRow"/> reads them.</summary>
    public const string BlockColumns = "height, first_sequence, event_count, header, signature, hash, events";

    private static readonly byte[] ZeroHash = new byte[EventHash.Size];

    /// <exception cref="JournalConflictException">The block does not directly follow <paramref name="head"/>.</exception>
    public static void RejectIfNotNext(SealedBlock block, JournalHead? head)
    {
        BlockHeader header = block.Header;
        long expectedHeight = (head?.Height ?? 0) + 1;
        long expectedFirstSequence = (head?.LastSequence ?? 0) + 1;
        byte[] expectedPreviousHash = head?.Hash ?? ZeroHash;

        string? problem = null;
        if (header.Height != expectedHeight)
        {
            problem = $"Block height {header.Height} does not follow the head: expected {expectedHeight}.";
        }
        else if (header.FirstSequence != expectedFirstSequence)
        {
            problem = $"Block {header.Height} starts at sequence {header.FirstSequence}, expected {expectedFirstSequence}.";
        }
        else if (!header.PreviousHash.AsSpan().SequenceEqual(expectedPreviousHash))
        {
            problem = $"Block {header.Height} names previous hash {Convert.ToHexStringLower(header.PreviousHash)}, " +
                $"but the head hash is {Convert.ToHexStringLower(expectedPreviousHash)}.";
        }

        if (problem is not null)
        {
            throw new JournalConflictException(problem) { BlockHeight = header.Height, HeadHeight = expectedHeight - 1 };
        }
    }

    /// <summary>Decodes one row of <see cref="BlockColumns"/> and checks that the index columns agree with the header.</summary>
    /// <exception cref="JournalCorruptionException">The header is malformed or disagrees with the row.</exception>
    public static SealedBlock DecodeBlockRow(DbDataReader rows)
    {
        long height = rows.GetInt64(0);
        BlockHeader header;
        try
        {
            header = BlockHeader.FromCanonicalBytes(rows.GetFieldValue<byte[]>(3));
        }
        catch (FormatException ex)
        {
            throw new JournalCorruptionException($"Block {height}: header malformed: {ex.Message}", ex) { Height = height };
        }

        byte[] signature = rows.GetFieldValue<byte[]>(4);
        byte[] hash = rows.GetFieldValue<byte[]>(5);
        string? problem = FindRowProblem(rows, height, header, signature.Length, hash.Length);
        if (problem is not null)
        {
            throw new JournalCorruptionException($"Block {height}: {problem}") { Height = height };
        }

        return new SealedBlock(header, signature, hash, rows.GetFieldValue<byte[]>(6));
    }

    private static string? FindRowProblem(DbDataReader rows, long height, BlockHeader header, int signatureLength, int hashLength)
    {
        if (header.Height != height)
        {
            return $"row height {height} does not match header height {header.Height}.";
        }

        if (rows.GetInt64(1) != header.FirstSequence || rows.GetInt64(2) != header.EventCount)
        {
            return $"row event range ({rows.GetInt64(1)}, {rows.GetInt64(2)} events) does not match header " +
                $"({header.FirstSequence}, {header.EventCount} events).";
        }

        if (signatureLength != NodeKey.SignatureSize)
        {
            return $"signature is {signatureLength} bytes long, expected {NodeKey.SignatureSize}.";
        }

        return hashLength != EventHash.Size ? $"hash is {hashLength} bytes long, expected {EventHash.Size}." : null;
    }
}
