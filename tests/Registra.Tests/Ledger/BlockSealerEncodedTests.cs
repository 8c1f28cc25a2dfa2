using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class BlockSealerEncodedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(5000)]
    public void SealEncoded_SameAsSeal(int count)
    {
        using var folder = new TempFolder();
        using var key = NodeKey.LoadOrCreate(folder.Path);
        var events = LedgerTestData.MakeEvents(1, count);

        var expected = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, LedgerTestData.CommitTime, events, key);
        var actual = BlockSealer.SealEncoded(1, 1, LedgerTestData.ZeroHash, LedgerTestData.CommitTime, EventBlob.Encode(events), count, key);

        Assert.Equal(expected.Header.ToCanonicalBytes(), actual.Header.ToCanonicalBytes());
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(expected.Signature, actual.Signature);
        Assert.Equal(expected.Events.ToArray(), actual.Events.ToArray());
    }

    [Fact]
    public void SealEncoded_WrongCount_Throws()
    {
        using var folder = new TempFolder();
        using var key = NodeKey.LoadOrCreate(folder.Path);
        var blob = EventBlob.Encode(LedgerTestData.MakeEvents(1, 3));

        Assert.Throws<FormatException>(() => BlockSealer.SealEncoded(1, 1, LedgerTestData.ZeroHash, LedgerTestData.CommitTime, blob, 4, key));
        Assert.Throws<ArgumentException>(() => BlockSealer.SealEncoded(1, 1, LedgerTestData.ZeroHash, LedgerTestData.CommitTime, blob, 0, key));
    }
}
