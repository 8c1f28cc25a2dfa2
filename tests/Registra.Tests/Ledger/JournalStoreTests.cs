using System.Data.Common;
using Registra.Ledger;
using Registra.Ledger.Requests;

namespace Registra.Tests.Ledger;

/// <summary>
/// The journal store contract, run once per provider by a sealed subclass. Each test gets a new,
/// empty store location from the subclass.
/// </summary>
public abstract class JournalStoreTests : IDisposable
{
    /// <summary>Signing key of the blocks the tests append.</summary>
    protected readonly NodeKey key;

    private readonly TempFolder keyFolder = new();

    protected JournalStoreTests()
    {
        key = NodeKey.LoadOrCreate(keyFolder.Path);
    }

    public virtual void Dispose()
    {
        key.Dispose();
        keyFolder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the test's store for reading and appending, creating it when missing.</summary>
    protected abstract IJournalStore Open();

    /// <summary>Opens the test's existing store read-only.</summary>
    protected abstract IJournalStore OpenReadOnly();

    /// <summary>Runs SQL on the store through a connection of its own, as a user with access to the database would.</summary>
    protected abstract void ExecuteRaw(string sql);

    /// <summary>Counts the rows of a table through a connection of its own.</summary>
    protected abstract long CountRows(string table);

    [SkippableFact]
    public void ReadHead_EmptyStoreIsNull()
    {
        using IJournalStore store = Open();

        Assert.Null(store.ReadHead());
        Assert.Equal(0, store.CountBlocks());
        Assert.Empty(store.ReadBlocks());
        Assert.Null(store.ReadBlockContaining(1));
    }

    [SkippableFact]
    public void SealAppendRead_RoundTripAcrossReopen()
    {
        List<SealedBlock> written;
        using (IJournalStore store = Open())
        {
            written = LedgerTestData.AppendBlocks(store, key, [3, 1, 8]);
        }

        using IJournalStore reopened = Open();
        List<SealedBlock> read = reopened.ReadBlocks().ToList();

        Assert.Equal(3, read.Count);
        for (int i = 0; i < read.Count; i++)
        {
            Assert.Equal(written[i].Header, read[i].Header);
            Assert.Equal(written[i].Signature, read[i].Signature);
            Assert.Equal(written[i].Hash, read[i].Hash);
            Assert.Equal(written[i].Events.ToArray(), read[i].Events.ToArray());
        }

        JournalHead head = reopened.ReadHead()!;
        Assert.Equal(3, head.Height);
        Assert.Equal(12, head.LastSequence);
        Assert.Equal(written[2].Hash, head.Hash);
        Assert.Equal(3, reopened.CountBlocks());
    }

    [SkippableFact]
    public void Seal_LinksHeaderFields()
    {
        using IJournalStore store = Open();
        List<SealedBlock> blocks = LedgerTestData.AppendBlocks(store, key, [3, 5]);

        BlockHeader second = blocks[1].Header;

        Assert.Equal(2, second.Height);
        Assert.Equal(4, second.FirstSequence);
        Assert.Equal(8, second.LastSequence);
        Assert.Equal(blocks[0].Hash, second.PreviousHash);
        Assert.Equal(key.KeyId, second.KeyId);
        Assert.Equal(second.ComputeHash(), blocks[1].Hash);
        Assert.True(NodeKey.Verify(key.PublicKey, second.ToCanonicalBytes(), blocks[1].Signature));
    }

    [SkippableFact]
    public void ReadBlocks_FromHeightStreamsTail()
    {
        using IJournalStore store = Open();
        LedgerTestData.AppendBlocks(store, key, [1, 2, 3, 4]);

        long[] heights = store.ReadBlocks(fromHeight: 3).Select(b => b.Header.Height).ToArray();

        Assert.Equal(new long[] { 3, 4 }, heights);
    }

    [SkippableFact]
    public void ReadBlockContaining_FindsEveryEvent()
    {
        using IJournalStore store = Open();
        LedgerTestData.AppendBlocks(store, key, [3, 1, 4]);

        Assert.Equal(1, store.ReadBlockContaining(1)!.Header.Height);
        Assert.Equal(1, store.ReadBlockContaining(3)!.Header.Height);
        Assert.Equal(2, store.ReadBlockContaining(4)!.Header.Height);
        Assert.Equal(3, store.ReadBlockContaining(5)!.Header.Height);
        Assert.Equal(3, store.ReadBlockContaining(8)!.Header.Height);
        Assert.Null(store.ReadBlockContaining(9));
        Assert.Null(store.ReadBlockContaining(0));
        Assert.Null(store.ReadBlockContaining(-5));
    }

    [SkippableFact]
    public void Append_WrongHeightThrowsAndWritesNothing()
    {
        using IJournalStore store = Open();
        List<SealedBlock> blocks = LedgerTestData.AppendBlocks(store, key, [2, 2]);
        JournalHead head = store.ReadHead()!;

        SealedBlock skipped = BlockSealer.Seal(4, 5, head.Hash, 0, LedgerTestData.MakeEvents(5, 1), key);
        SealedBlock repeated = blocks[1];

        JournalConflictException skipError = Assert.Throws<JournalConflictException>(() => store.Append(skipped));
        Assert.Throws<JournalConflictException>(() => store.Append(repeated));
        Assert.Equal(4, skipError.BlockHeight);
        Assert.Equal(2, skipError.HeadHeight);
        Assert.Equal(2, store.CountBlocks());
        Assert.Equal(head.Hash, store.ReadHead()!.Hash);
    }

    [SkippableFact]
    public void Append_WrongFirstSequenceThrowsAndWritesNothing()
    {
        using IJournalStore store = Open();
        LedgerTestData.AppendBlocks(store, key, [2, 2]);
        JournalHead head = store.ReadHead()!;

        SealedBlock overlapping = BlockSealer.Seal(3, 4, head.Hash, 0, LedgerTestData.MakeEvents(4, 1), key);
        SealedBlock gap = BlockSealer.Seal(3, 6, head.Hash, 0, LedgerTestData.MakeEvents(6, 1), key);

        Assert.Throws<JournalConflictException>(() => store.Append(overlapping));
        Assert.Throws<JournalConflictException>(() => store.Append(gap));
        Assert.Equal(2, store.CountBlocks());
    }

    [SkippableFact]
    public void Append_WrongPreviousHashThrows()
    {
        using IJournalStore store = Open();
        LedgerTestData.AppendBlocks(store, key, [2]);

        SealedBlock unlinked = BlockSealer.Seal(2, 3, new byte[32], 0, LedgerTestData.MakeEvents(3, 1), key);

        Assert.Throws<JournalConflictException>(() => store.Append(unlinked));
        Assert.Equal(1, store.CountBlocks());
    }

    [SkippableFact]
    public void Append_FirstBlockMustHaveHeightOne()
    {
        using IJournalStore store = Open();

        SealedBlock second = BlockSealer.Seal(2, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 1), key);

        Assert.Throws<JournalConflictException>(() => store.Append(second));
        Assert.Null(store.ReadHead());
    }

    [SkippableFact]
    public void Append_SecondWriterOnSameStoreIsFenced()
    {
        using IJournalStore first = Open();
        using IJournalStore second = Open();
        SealedBlock block = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 1), key);

        first.Append(block);

        Assert.Throws<JournalConflictException>(() => second.Append(block));
        Assert.Equal(1, second.CountBlocks());
    }

    [SkippableFact]
    public void Snapshot_KeepsLatestTwo()
    {
        using IJournalStore store = Open();
        LedgerTestData.AppendBlocks(store, key, [1, 1, 1, 1]);

        Assert.Null(store.ReadLatestSnapshot());
        store.SaveSnapshot(1, new byte[] { 1 });
        store.SaveSnapshot(3, new byte[] { 3 });
        store.SaveSnapshot(2, new byte[] { 2 });
        store.SaveSnapshot(4, new byte[] { 4, 4 });

        (long height, byte[] state) = store.ReadLatestSnapshot()!.Value;
        Assert.Equal(4, height);
        Assert.Equal(new byte[] { 4, 4 }, state);
        Assert.Equal(2, CountRows("snapshots"));
    }

    [SkippableFact]
    public void Snapshot_SameHeightReplaced()
    {
        using IJournalStore store = Open();
        LedgerTestData.AppendBlocks(store, key, [1]);

        store.SaveSnapshot(1, new byte[] { 1 });
        store.SaveSnapshot(1, new byte[] { 9 });

        Assert.Equal(new byte[] { 9 }, store.ReadLatestSnapshot()!.Value.State);
    }

    [SkippableFact]
    public void Snapshot_HeightBeyondHeadRejected()
    {
        using IJournalStore store = Open();
        LedgerTestData.AppendBlocks(store, key, [1, 1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => store.SaveSnapshot(3, new byte[] { 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.SaveSnapshot(0, new byte[] { 1 }));
        Assert.Null(store.ReadLatestSnapshot());
    }

    [SkippableFact]
    public void Metadata_SetGetAndReplace()
    {
        using IJournalStore store = Open();

        Assert.Null(store.GetMetadata("node_public_key"));
        store.SetMetadata("node_public_key", "abc");
        store.SetMetadata("node_public_key", "def");
        store.SetMetadata("journal_format_version", "1");

        Assert.Equal("def", store.GetMetadata("node_public_key"));
        Assert.Equal("1", store.GetMetadata("journal_format_version"));
    }

    [SkippableFact]
    public void OpenReadOnly_WritesRejected()
    {
        using (Open())
        {
        }

        using IJournalStore store = OpenReadOnly();
        SealedBlock block = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 1), key);

        Assert.Throws<InvalidOperationException>(() => store.Append(block));
        Assert.Throws<InvalidOperationException>(() => store.SetMetadata("k", "v"));
        Assert.Null(store.ReadHead());
    }

    [SkippableFact]
    public void ReadBlocks_ConcurrentWithAppend()
    {
        using IJournalStore store = Open();
        LedgerTestData.AppendBlocks(store, key, [1, 1]);

        using IEnumerator<SealedBlock> reader = store.ReadBlocks().GetEnumerator();
        Assert.True(reader.MoveNext());
        LedgerTestData.AppendBlocks(store, key, [1]);
        int remaining = 0;
        while (reader.MoveNext())
        {
            remaining++;
        }

        Assert.Equal(1, remaining);
        Assert.Equal(3, store.CountBlocks());
    }

    [SkippableFact]
    public void Metadata_ListByPrefixInOrdinalOrder()
    {
        using IJournalStore store = Open();
        store.SetMetadata("api_key:b", "2");
        store.SetMetadata("api_key:B", "3");
        store.SetMetadata("api_key:a", "1");
        store.SetMetadata("api_keys", "other");
        store.SetMetadata("node_public_key", "abc");

        IReadOnlyList<KeyValuePair<string, string>> entries = store.ListMetadata("api_key:");

        Assert.Equal(["api_key:B", "api_key:a", "api_key:b"], entries.Select(e => e.Key));
        Assert.Equal(["3", "1", "2"], entries.Select(e => e.Value));
        Assert.Empty(store.ListMetadata("missing"));
    }

    [SkippableFact]
    public void AppendOnly_UpdateAndDeleteRejected()
    {
        using (IJournalStore store = Open())
        {
            LedgerTestData.AppendBlocks(store, key, [2, 2]);
        }

        Assert.ThrowsAny<DbException>(() => ExecuteRaw("UPDATE blocks SET event_count = 7 WHERE height = 1"));
        Assert.ThrowsAny<DbException>(() => ExecuteRaw("DELETE FROM blocks WHERE height = 2"));

        using IJournalStore reopened = OpenReadOnly();
        Assert.Equal(2, reopened.CountBlocks());
        Assert.Equal(2, reopened.ReadBlocks().First().Header.EventCount);
    }

    [SkippableFact]
    public void RequestLog_AppendSaveFindDelete()
    {
        using IJournalStore store = Open();
        var log = Assert.IsAssignableFrom<IRequestLog>(store);
        var at = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);
        var tag = new RequestTag(Enumerable.Repeat((byte)7, 32).ToArray(), Enumerable.Repeat((byte)9, 32).ToArray());
        var applied = new RequestLogBatch();
        applied.Applied.Add(new AppliedRequest(tag, 1, 2, at));
        var responses = new RequestLogBatch();
        responses.Responses.Add(new RequestResponse(tag, 201, [KeyValuePair.Create("Location", "/v1/transfers/1")], [1, 2, 3], at));

        log.Append(BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 2), key), applied);
        StoredRequest beforeResponse = log.Find(tag.KeyHash)!;
        log.Save(responses);
        StoredRequest afterResponse = log.Find(tag.KeyHash)!;

        Assert.Equal(1, store.CountBlocks());
        Assert.Equal(tag.Fingerprint, beforeResponse.Fingerprint);
        Assert.Equal(1, beforeResponse.FirstSequence);
        Assert.Null(beforeResponse.StatusCode);
        Assert.Equal(at, beforeResponse.CreatedAt);
        Assert.Equal(201, afterResponse.StatusCode);
        Assert.Equal([KeyValuePair.Create("Location", "/v1/transfers/1")], afterResponse.Headers);
        Assert.Equal(new byte[] { 1, 2, 3 }, afterResponse.Body);
        Assert.Null(log.Find(new byte[32]));
        Assert.Equal(0, log.DeleteCreatedBefore(at));
        Assert.Equal(1, log.DeleteCreatedBefore(at.AddSeconds(1)));
        Assert.Null(log.Find(tag.KeyHash));
    }

    [SkippableFact]
    public void RequestLog_ConflictingAppendStoresNothing()
    {
        using IJournalStore store = Open();
        var log = Assert.IsAssignableFrom<IRequestLog>(store);
        var tag = new RequestTag(Enumerable.Repeat((byte)5, 32).ToArray(), new byte[32]);
        var applied = new RequestLogBatch();
        applied.Applied.Add(new AppliedRequest(tag, 1, 1, DateTimeOffset.UnixEpoch));
        SealedBlock second = BlockSealer.Seal(2, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 1), key);

        Assert.Throws<JournalConflictException>(() => log.Append(second, applied));

        Assert.Null(log.Find(tag.KeyHash));
        Assert.Equal(0, store.CountBlocks());
    }

    [SkippableFact]
    public void Open_ForeignTablesRejected()
    {
        ExecuteRaw("CREATE TABLE customers (id integer PRIMARY KEY)");

        Assert.Throws<InvalidDataException>(() => Open());
        Assert.Throws<InvalidDataException>(() => OpenReadOnly());
    }
}
