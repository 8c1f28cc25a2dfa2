using System.Buffers.Binary;

namespace Registra.Ledger;

/// <summary>
/// Storage encoding of a block's events: for each event a 4-byte little-endian length, then the event bytes.
/// </summary>
public static class EventBlob
{
    private const int LengthPrefixSize = 4;

    /// <summary>Encodes the events in order into one exactly sized array.</summary>
    /// <exception cref="ArgumentException">The encoded size would exceed the maximum array length.</exception>
    public static byte[] Encode(IReadOnlyList<ReadOnlyMemory<byte>> events)
    {
        ArgumentNullException.ThrowIfNull(events);

        long total = 0;
        for (int i = 0; i < events.Count; i++)
        {
            total += LengthPrefixSize + events[i].Length;
        }

        if (total > Array.MaxLength)
        {
            throw new ArgumentException($"Encoded events take {total} bytes, more than the maximum array length {Array.MaxLength}.", nameof(events));
        }

        var blob = new byte[total];
        Span<byte> remaining = blob;
        for (int i = 0; i < events.Count; i++)
        {
            ReadOnlySpan<byte> item = events[i].Span;
            BinaryPrimitives.WriteInt32LittleEndian(remaining, item.Length);
            item.CopyTo(remaining[LengthPrefixSize..]);
            remaining = remaining[(LengthPrefixSize + item.Length)..];
        }

        return blob;
    }

    /// <summary>Decodes exactly <paramref name="expectedCount"/> events as slices of <paramref name="blob"/>, without copying.</summary>
    /// <exception cref="FormatException">The blob is truncated, contains fewer or more events, or has bytes left over.</exception>
    public static List<ReadOnlyMemory<byte>> Decode(ReadOnlyMemory<byte> blob, int expectedCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);

        // Each event takes at least its prefix, which bounds the list capacity for a corrupt count.
        var events = new List<ReadOnlyMemory<byte>>(Math.Min(expectedCount, blob.Length / LengthPrefixSize));
        int offset = 0;
        for (int i = 0; i < expectedCount; i++)
        {
            ReadOnlySpan<byte> rest = blob.Span[offset..];
            if (rest.Length < LengthPrefixSize)
            {
                throw new FormatException($"Event blob is truncated: the length prefix of event {i} of {expectedCount} is missing at byte {offset}.");
            }

            uint length = BinaryPrimitives.ReadUInt32LittleEndian(rest);
            if (length > (uint)(rest.Length - LengthPrefixSize))
            {
                throw new FormatException(
                    $"Event blob is truncated: event {i} of {expectedCount} declares {length} bytes at byte {offset}, " +
                    $"but only {rest.Length - LengthPrefixSize} remain.");
            }

            events.Add(blob.Slice(offset + LengthPrefixSize, (int)length));
            offset += LengthPrefixSize + (int)length;
        }

        if (offset != blob.Length)
        {
            throw new FormatException($"Event blob has {blob.Length - offset} bytes left over after {expectedCount} events.");
        }

        return events;
    }
}
