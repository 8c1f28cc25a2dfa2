using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Registra.Canonical;

/// <summary>
/// Writes the canonical event encoding: little-endian fixed-width integers, strings as a
/// 7-bit variable-length byte count followed by UTF-8, optional values behind a presence byte.
/// The same values always give the same bytes, which is what the hashes depend on.
/// </summary>
public sealed class CanonicalWriter(IBufferWriter<byte> output)
{
    public void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public void WriteInt128(Int128 value)
    {
        var span = output.GetSpan(16);
        BinaryPrimitives.WriteInt128LittleEndian(span, value);
        output.Advance(16);
    }

    public void WriteInstant(DateTimeOffset value) => WriteInt64(value.UtcTicks);

    public void WriteOptionalInstant(DateTimeOffset? value)
    {
        WriteBool(value.HasValue);
        if (value.HasValue)
        {
            WriteInstant(value.Value);
        }
    }

    public void WriteOptionalInt128(Int128? value)
    {
        WriteBool(value.HasValue);
        if (value.HasValue)
        {
            WriteInt128(value.Value);
        }
    }

    public void WriteString(string value)
    {
        var byteCount = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteLength(byteCount);
        var span = output.GetSpan(byteCount);
        System.Text.Encoding.UTF8.GetBytes(value, span);
        output.Advance(byteCount);
    }

    public void WriteOptionalString(string? value)
    {
        WriteBool(value is not null);
        if (value is not null)
        {
            WriteString(value);
        }
    }

    /// <summary>Writes a map sorted by ordinal key, so insertion order never changes the bytes.</summary>
    public void WriteMap(IReadOnlyDictionary<string, string> map)
    {
        WriteLength(map.Count);
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            WriteString(key);
            WriteString(map[key]);
        }
    }

    /// <summary>
    /// Writes a non-negative 128-bit integer as an unsigned LEB128 varint: 7 bits per byte, low
    /// bits first, the high bit set on every byte but the last. Small amounts take one to a few bytes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public void WriteVarInt128(Int128 value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);

        // One span for the whole varint: payout batches write millions of them.
        var span = output.GetSpan(19);
        var length = 0;
        var remaining = (UInt128)value;
        while (remaining >= 0x80)
        {
            span[length++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        span[length++] = (byte)remaining;
        output.Advance(length);
    }

    public void WriteLength(int length)
    {
        var value = (uint)length;
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }
}
