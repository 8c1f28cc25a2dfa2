using System.Buffers.Binary;

namespace Registra.Canonical;

/// <summary>Reads the canonical event encoding; malformed input raises <see cref="FormatException"/>.</summary>
public ref struct CanonicalReader(ReadOnlySpan<byte> input)
{
    private readonly ReadOnlySpan<byte> _input = input;
    private int _position;

    public readonly bool AtEnd => _position == _input.Length;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new FormatException($"Invalid boolean byte {other} at offset {_position - 1}."),
    };

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Int128 ReadInt128() => BinaryPrimitives.ReadInt128LittleEndian(Take(16));

    public DateTimeOffset ReadInstant()
    {
        var ticks = ReadInt64();
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new FormatException($"Instant ticks {ticks} are out of range.");
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    public DateTimeOffset? ReadOptionalInstant() => ReadBool() ? ReadInstant() : null;

    public Int128? ReadOptionalInt128() => ReadBool() ? ReadInt128() : null;

    public string ReadString()
    {
        var length = ReadLength();
        return System.Text.Encoding.UTF8.GetString(Take(length));
    }

    public string? ReadOptionalString() => ReadBool() ? ReadString() : null;

    public Dictionary<string, string> ReadMap()
    {
        var count = ReadLength();
        var map = new Dictionary<string, string>(count);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString();
            if (!map.TryAdd(key, ReadString()))
            {
                throw new FormatException($"Duplicate map key '{key}'.");
            }
        }

        return map;
    }

    /// <summary>Reads a varint written by <c>WriteVarInt128</c>; rejects overlong encodings and values above Int128.MaxValue.</summary>
    public Int128 ReadVarInt128()
    {
        UInt128 value = 0;
        for (var shift = 0; shift < 133; shift += 7)
        {
            var b = ReadByte();
            if (shift == 126 && b > 0x03)
            {
                throw new FormatException("Varint does not fit in 128 bits.");
            }

            value |= (UInt128)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (b == 0 && shift > 0)
                {
                    throw new FormatException("Varint has a redundant trailing zero byte.");
                }

                return value <= (UInt128)Int128.MaxValue ? (Int128)value : throw new FormatException($"Varint {value} is above the largest 128-bit signed integer.");
            }
        }

        throw new FormatException("Varint is longer than 19 bytes.");
    }

    public int ReadLength()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value <= int.MaxValue ? (int)value : throw new FormatException($"Length {value} is too large.");
            }
        }

        throw new FormatException("Length prefix is longer than five bytes.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _input.Length)
        {
            throw new FormatException($"Unexpected end of event bytes: needed {count} at offset {_position} of {_input.Length}.");
        }

        var slice = _input.Slice(_position, count);
        _position += count;
        return slice;
    }
}
