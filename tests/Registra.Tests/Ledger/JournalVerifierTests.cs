using System.Buffers.Binary;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class JournalVerifierTests : IDisposable
{
    private const int BlockCount = 50;

    private readonly TempFolder folder = new();
    private readonly NodeKey key;
    private readonly NodeKey otherKey;
    private readonly string databasePath;
    private readonly List<SealedBlock> blocks;

    public JournalVerifierTests()
    {
        key = NodeKey.LoadOrCreate(folder.Combine("node"));
        otherKey = NodeKey.LoadOrCreate(folder.Combine("other"));
        databasePath = folder.Combine("journal.db");
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        blocks = LedgerTestData.AppendBlocks(store, key, LedgerTestData.VaryingSizes(BlockCount));
    }

    public void Dispose()
    {
        key.Dispose();
        otherKey.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void Verify_CleanStorePasses()
    {
        var progress = new List<VerificationProgress>();
        var sequences = new List<long>();

        VerificationReport report = Verify(new SynchronousProgress<VerificationProgress>(progress.Add), (sequence, _) => sequences.Add(sequence));

        long totalEvents = blocks.Sum(b => (long)b.Header.EventCount);
        Assert.True(report.Succeeded, report.Failure);
        Assert.Equal(BlockCount, report.BlocksVerified);
        Assert.Equal(totalEvents, report.EventsVerified);
        Assert.Null(report.FirstBadHeight);
        Assert.Null(report.Failure);
        Assert.Equal(Enumerable.Range(1, (int)totalEvents).Select(i => (long)i), sequences);
        Assert.Equal(BlockCount, progress.Count);
        Assert.Equal(new VerificationProgress(BlockCount, totalEvents, BlockCount), progress[^1]);
    }

    [Fact]
    public void Verify_PassesEventBytesInOrder()
    {
        var replayed = new List<byte[]>();

        Verify(onEvent: (_, bytes) => replayed.Add(bytes.ToArray()));

        List<byte[]> expected = blocks.SelectMany(b => EventBlob.Decode(b.Events, b.Header.EventCount)).Select(e => e.ToArray()).ToList();
        Assert.Equal(expected, replayed);
    }

    [Fact]
    public void Verify_EmptyStorePasses()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(folder.Combine("empty.db"));

        VerificationReport report = JournalVerifier.Verify(store, key.PublicKey, null, null, CancellationToken.None);

        Assert.True(report.Succeeded);
        Assert.Equal(0, report.BlocksVerified);
    }

    [Fact]
    public void Verify_FlippedEventByteNamesMerkleCheck()
    {
        LedgerTestData.TamperBlob(databasePath, 17, "events", blob => LedgerTestData.FlipBit(blob, 4));

        VerificationReport report = Verify();

        AssertFailedAt(report, 17, "Merkle root mismatch");
        Assert.Equal(16, report.BlocksVerified);
    }

    [Fact]
    public void Verify_TruncatedEventBlobNamesBlob()
    {
        LedgerTestData.TamperBlob(databasePath, 17, "events", blob => blob[..^1]);

        AssertFailedAt(Verify(), 17, "event blob malformed");
    }

    [Fact]
    public void Verify_FlippedHeaderRootNamesHash()
    {
        LedgerTestData.TamperBlob(databasePath, 23, "header", header => LedgerTestData.FlipBit(header, 40));

        AssertFailedAt(Verify(), 23, "header hash mismatch");
    }

    [Fact]
    public void Verify_FlippedStoredHashNamesHeaderHash()
    {
        LedgerTestData.TamperBlob(databasePath, 40, "hash", hash => LedgerTestData.FlipBit(hash, 0));

        AssertFailedAt(Verify(), 40, "header hash mismatch");
    }

    [Fact]
    public void Verify_FlippedHeaderVersionNamesMalformedHeader()
    {
        LedgerTestData.TamperBlob(databasePath, 23, "header", header => LedgerTestData.FlipBit(header, 0, bit: 2));

        AssertFailedAt(Verify(), 23, "header malformed");
    }

    [Fact]
    public void Verify_FlippedHeaderHeightNamesBlock()
    {
        LedgerTestData.TamperBlob(databasePath, 23, "header", header => LedgerTestData.FlipBit(header, 4, bit: 6));

        AssertFailedAt(Verify(), 23, "header height");
    }

    [Fact]
    public void Verify_HeaderAndHashRewrittenNamesSignatureCheck()
    {
        // A tamperer who changes the commit time and recomputes the stored hash still cannot sign.
        BlockHeader original = blocks[29].Header;
        var forged = new BlockHeader(
            original.Height, original.FirstSequence, original.EventCount, original.CommittedAtUnixMicroseconds + 1,
            original.MerkleRoot, original.PreviousHash, original.KeyId);
        LedgerTestData.TamperBlob(databasePath, 30, "header", _ => forged.ToCanonicalBytes());
        LedgerTestData.ExecuteRaw(databasePath, "UPDATE blocks SET hash = $hash WHERE height = 30", ("$hash", forged.ComputeHash()));

        VerificationReport report = Verify();

        // The stored hash of block 30 changed, so block 31 breaks the chain unless 30 fails first.
        AssertFailedAt(report, 30, "signature invalid");
    }

    [Fact]
    public void Verify_SignatureByOtherKeyNamesSignatureCheck()
    {
        byte[] forgedSignature = otherKey.Sign(blocks[11].Header.ToCanonicalBytes());
        LedgerTestData.TamperBlob(databasePath, 12, "signature", _ => forgedSignature);

        AssertFailedAt(Verify(), 12, "signature invalid");
    }

    [Fact]
    public void Verify_OtherKeyBlockNamesKeyId()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        JournalHead head = store.ReadHead()!;
        store.Append(BlockSealer.Seal(head.Height + 1, head.LastSequence + 1, head.Hash, 0, LedgerTestData.MakeEvents(head.LastSequence + 1, 3), otherKey));

        AssertFailedAt(Verify(), BlockCount + 1, "key id mismatch");
    }

    [Fact]
    public void Verify_WrongPublicKeyFailsFirstBlock()
    {
        using SqliteJournalStore store = SqliteJournalStore.OpenReadOnly(databasePath);

        VerificationReport report = JournalVerifier.Verify(store, otherKey.PublicKey, null, null, CancellationToken.None);

        AssertFailedAt(report, 1, "key id mismatch");
    }

    [Fact]
    public void Verify_DeletedMiddleBlockNamesHeightGap()
    {
        LedgerTestData.ExecuteRaw(databasePath, "DROP TRIGGER blocks_reject_delete; DELETE FROM blocks WHERE height = 25");

        VerificationReport report = Verify();

        AssertFailedAt(report, 26, "height gap");
        Assert.Equal(24, report.BlocksVerified);
    }

    [Fact]
    public void Verify_DeletedFirstBlockNamesHeightGap()
    {
        LedgerTestData.ExecuteRaw(databasePath, "DROP TRIGGER blocks_reject_delete; DELETE FROM blocks WHERE height = 1");

        VerificationReport report = Verify();

        AssertFailedAt(report, 2, "expected height 1 for the first block");
        Assert.Equal(0, report.BlocksVerified);
    }

    [Fact]
    public void Verify_ReplacedBlockNamesPreviousHash()
    {
        // Block 20 re-sealed by the real key with different events, but block 21 still links to the original.
        SealedBlock original = blocks[19];
        SealedBlock resealed = BlockSealer.Seal(
            original.Header.Height, original.Header.FirstSequence, original.Header.PreviousHash, 0,
            LedgerTestData.MakeEvents(original.Header.FirstSequence, original.Header.EventCount, fixedLength: 9), key);
        LedgerTestData.TamperBlob(databasePath, 20, "header", _ => resealed.Header.ToCanonicalBytes());
        LedgerTestData.ExecuteRaw(
            databasePath,
            "UPDATE blocks SET signature = $signature, hash = $hash, events = $events WHERE height = 20",
            ("$signature", resealed.Signature), ("$hash", resealed.Hash), ("$events", resealed.Events.ToArray()));

        AssertFailedAt(Verify(), 21, "previous hash mismatch");
    }

    [Fact]
    public void Verify_ThrowingReplayNamesBlockOfSequence()
    {
        const long badSequence = 500;
        SealedBlock containing = blocks.Single(b => b.Header.FirstSequence <= badSequence && badSequence <= b.Header.LastSequence);

        VerificationReport report = Verify(onEvent: (sequence, _) =>
        {
            if (sequence == badSequence)
            {
                throw new InvalidOperationException("holder balance would go negative");
            }
        });

        AssertFailedAt(report, containing.Header.Height, "holder balance would go negative");
        Assert.Contains($"sequence {badSequence}", report.Failure);
    }

    [Fact]
    public void Verify_CancelledThrows()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        using SqliteJournalStore store = SqliteJournalStore.OpenReadOnly(databasePath);

        Assert.Throws<OperationCanceledException>(
            () => JournalVerifier.Verify(store, key.PublicKey, null, null, cancellation.Token));
    }

    [Fact]
    public void Verify_EventCountColumnMismatchNamesBlock()
    {
        LedgerTestData.ExecuteRaw(databasePath, "DROP TRIGGER blocks_reject_update; UPDATE blocks SET event_count = event_count + 1 WHERE height = 8");

        AssertFailedAt(Verify(), 8, "does not match header");
    }

    [Fact]
    public void Verify_HeaderEventCountChangedNamesBlock()
    {
        LedgerTestData.TamperBlob(databasePath, 9, "header", header =>
        {
            byte[] copy = (byte[])header.Clone();
            BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(20), BinaryPrimitives.ReadInt32LittleEndian(copy.AsSpan(20)) + 1);
            return copy;
        });

        AssertFailedAt(Verify(), 9, "Block 9");
    }

    private static void AssertFailedAt(VerificationReport report, long height, string check)
    {
        Assert.False(report.Succeeded);
        Assert.Equal(height, report.FirstBadHeight);
        Assert.NotNull(report.Failure);
        Assert.Contains($"lock {height}", report.Failure);
        Assert.Contains(check, report.Failure);
    }

    private VerificationReport Verify(IProgress<VerificationProgress>? progress = null, Action<long, ReadOnlyMemory<byte>>? onEvent = null)
    {
        using SqliteJournalStore store = SqliteJournalStore.OpenReadOnly(databasePath);
        return JournalVerifier.Verify(store, key.PublicKey, progress, onEvent, CancellationToken.None);
    }
}
