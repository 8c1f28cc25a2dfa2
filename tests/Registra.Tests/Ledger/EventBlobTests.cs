using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class EventBlobTests
{
    [Fact]
    public void EncodeDecode_RoundTrip()
    {
        List<ReadOnlyMemory<byte>> events = [new byte[] { 1, 2, 3 }, Array.Empty<byte>(), new byte[300]];

        byte[] blob = EventBlob.Encode(events);
        List<ReadOnlyMemory<byte>> decoded = EventBlob.Decode(blob, 3);

        Assert.Equal(4 + 3 + 4 + 0 + 4 + 300, blob.Length);
        Assert.Equal(3, decoded.Count);
        for (int i = 0; i < events.Count; i++)
        {
            Assert.Equal(events[i].ToArray(), decoded[i].ToArray());
        }
    }

    [Fact]
    public void Encode_UsesLittleEndianLengthPrefix()
    {
        byte[] blob = EventBlob.Encode([new byte[] { 0xAA, 0xBB }]);

        Assert.Equal(new byte[] { 2, 0, 0, 0, 0xAA, 0xBB }, blob);
    }

    [Fact]
    public void Decode_TruncatedBlobRejected()
    {
        byte[] blob = EventBlob.Encode(LedgerTestData.MakeEvents(1, 5));

        for (int length = 0; length < blob.Length; length++)
        {
            Assert.Throws<FormatException>(() => EventBlob.Decode(blob.AsMemory(0, length), 5));
        }
    }

    [Fact]
    public void Decode_TrailingBytesRejected()
    {
        byte[] blob = [.. EventBlob.Encode(LedgerTestData.MakeEvents(1, 5)), 0];

        Assert.Throws<FormatException>(() => EventBlob.Decode(blob, 5));
    }

    [Fact]
    public void Decode_CountMismatchRejected()
    {
        byte[] blob = EventBlob.Encode(LedgerTestData.MakeEvents(1, 5));

        Assert.Throws<FormatException>(() => EventBlob.Decode(blob, 4));
        Assert.Throws<FormatException>(() => EventBlob.Decode(blob, 6));
    }

    [Fact]
    public void Decode_HugeLengthPrefixRejected()
    {
        byte[] blob = [0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];

        Assert.Throws<FormatException>(() => EventBlob.Decode(blob, 1));
    }

    [Fact]
    public void Decode_HugeExpectedCountRejected()
    {
        byte[] blob = EventBlob.Encode(LedgerTestData.MakeEvents(1, 2));

        Assert.Throws<FormatException>(() => EventBlob.Decode(blob, int.MaxValue));
    }
}
