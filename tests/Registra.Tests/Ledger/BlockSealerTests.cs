using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class BlockSealerTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly NodeKey key;

    public BlockSealerTests()
    {
        key = NodeKey.LoadOrCreate(folder.Path);
    }

    public void Dispose()
    {
        key.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void Seal_ParallelRootMatchesMerkleTree()
    {
        foreach (int count in new[] { 4096, 4097, 5120, 5121, 8192, 10_000, 16_385 })
        {
            List<ReadOnlyMemory<byte>> events = LedgerTestData.MakeEvents(1, count);
            byte[][] leaves = events.Select(e => EventHash.ComputeLeaf(e.Span)).ToArray();

            SealedBlock block = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 0, events, key);

            Assert.Equal(MerkleTree.Root(leaves), block.Header.MerkleRoot);
        }
    }

    [Fact]
    public void Seal_EmptyBatchRejected()
    {
        Assert.Throws<ArgumentException>(() => BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 0, [], key));
    }
}
