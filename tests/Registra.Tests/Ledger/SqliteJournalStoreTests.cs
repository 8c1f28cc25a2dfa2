using Microsoft.Data.Sqlite;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class SqliteJournalStoreTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly NodeKey key;
    private readonly string databasePath;

    public SqliteJournalStoreTests()
    {
        key = NodeKey.LoadOrCreate(folder.Path);
        databasePath = folder.Combine("journal.db");
    }

    public void Dispose()
    {
        key.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void ReadHead_EmptyStoreIsNull()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);

        Assert.Null(store.ReadHead());
        Assert.Equal(0, store.CountBlocks());
        Assert.Empty(store.ReadBlocks());
        Assert.Null(store.ReadBlockContaining(1));
    }

    [Fact]
    public void SealAppendRead_RoundTripAcrossReopen()
    {
        List<SealedBlock> written;
        using (SqliteJournalStore store = SqliteJournalStore.Open(databasePath))
        {
            written = LedgerTestData.AppendBlocks(store, key, [3, 1, 8]);
        }

        using SqliteJournalStore reopened = SqliteJournalStore.Open(databasePath);
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

    [Fact]
    public void Seal_LinksHeaderFields()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
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

    [Fact]
    public void ReadBlocks_FromHeightStreamsTail()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [1, 2, 3, 4]);

        long[] heights = store.ReadBlocks(fromHeight: 3).Select(b => b.Header.Height).ToArray();

        Assert.Equal(new long[] { 3, 4 }, heights);
    }

    [Fact]
    public void ReadBlockContaining_FindsEveryEvent()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
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

    [Fact]
    public void Append_WrongHeightThrowsAndWritesNothing()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
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

    [Fact]
    public void Append_WrongFirstSequenceThrowsAndWritesNothing()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [2, 2]);
        JournalHead head = store.ReadHead()!;

        SealedBlock overlapping = BlockSealer.Seal(3, 4, head.Hash, 0, LedgerTestData.MakeEvents(4, 1), key);
        SealedBlock gap = BlockSealer.Seal(3, 6, head.Hash, 0, LedgerTestData.MakeEvents(6, 1), key);

        Assert.Throws<JournalConflictException>(() => store.Append(overlapping));
        Assert.Throws<JournalConflictException>(() => store.Append(gap));
        Assert.Equal(2, store.CountBlocks());
    }

    [Fact]
    public void Append_WrongPreviousHashThrows()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [2]);

        SealedBlock unlinked = BlockSealer.Seal(2, 3, new byte[32], 0, LedgerTestData.MakeEvents(3, 1), key);

        Assert.Throws<JournalConflictException>(() => store.Append(unlinked));
        Assert.Equal(1, store.CountBlocks());
    }

    [Fact]
    public void Append_FirstBlockMustHaveHeightOne()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);

        SealedBlock second = BlockSealer.Seal(2, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 1), key);

        Assert.Throws<JournalConflictException>(() => store.Append(second));
        Assert.Null(store.ReadHead());
    }

    [Fact]
    public void Append_SecondWriterOnSameFileIsFenced()
    {
        using SqliteJournalStore first = SqliteJournalStore.Open(databasePath);
        using SqliteJournalStore second = SqliteJournalStore.Open(databasePath);
        SealedBlock block = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 1), key);

        first.Append(block);

        Assert.Throws<JournalConflictException>(() => second.Append(block));
        Assert.Equal(1, second.CountBlocks());
    }

    [Fact]
    public void Trigger_RejectsUpdateAndDelete()
    {
        using (SqliteJournalStore store = SqliteJournalStore.Open(databasePath))
        {
            LedgerTestData.AppendBlocks(store, key, [2, 2]);
        }

        SqliteException update = Assert.Throws<SqliteException>(
            () => LedgerTestData.ExecuteRaw(databasePath, "UPDATE blocks SET events = x'00' WHERE height = 1"));
        SqliteException delete = Assert.Throws<SqliteException>(
            () => LedgerTestData.ExecuteRaw(databasePath, "DELETE FROM blocks WHERE height = 2"));
        SqliteException replace = Assert.Throws<SqliteException>(
            () => LedgerTestData.ExecuteRaw(databasePath, "PRAGMA recursive_triggers = ON; INSERT OR REPLACE INTO blocks SELECT * FROM blocks WHERE height = 1"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Contains("append-only", replace.Message);
        using SqliteJournalStore reopened = SqliteJournalStore.OpenReadOnly(databasePath);
        Assert.Equal(2, reopened.CountBlocks());
    }

    [Fact]
    public void Snapshot_KeepsLatestTwo()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
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

    [Fact]
    public void Snapshot_SameHeightReplaced()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [1]);

        store.SaveSnapshot(1, new byte[] { 1 });
        store.SaveSnapshot(1, new byte[] { 9 });

        Assert.Equal(new byte[] { 9 }, store.ReadLatestSnapshot()!.Value.State);
    }

    [Fact]
    public void Snapshot_HeightBeyondHeadRejected()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [1, 1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => store.SaveSnapshot(3, new byte[] { 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.SaveSnapshot(0, new byte[] { 1 }));
        Assert.Null(store.ReadLatestSnapshot());
    }

    [Fact]
    public void Metadata_SetGetAndReplace()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);

        Assert.Null(store.GetMetadata("node_public_key"));
        store.SetMetadata("node_public_key", "abc");
        store.SetMetadata("node_public_key", "def");
        store.SetMetadata("journal_format_version", "1");

        Assert.Equal("def", store.GetMetadata("node_public_key"));
        Assert.Equal("1", store.GetMetadata("journal_format_version"));
    }

    [Fact]
    public void OpenReadOnly_MissingFileRejected()
    {
        FileNotFoundException error = Assert.Throws<FileNotFoundException>(
            () => SqliteJournalStore.OpenReadOnly(folder.Combine("missing.db")));

        Assert.Contains("missing.db", error.Message);
        Assert.False(File.Exists(folder.Combine("missing.db")));
    }

    [Fact]
    public void OpenReadOnly_WritesRejected()
    {
        using (SqliteJournalStore.Open(databasePath))
        {
        }

        using SqliteJournalStore store = SqliteJournalStore.OpenReadOnly(databasePath);
        SealedBlock block = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 1), key);

        Assert.Throws<InvalidOperationException>(() => store.Append(block));
        Assert.Throws<InvalidOperationException>(() => store.SetMetadata("k", "v"));
        Assert.Null(store.ReadHead());
    }

    [Fact]
    public void Open_NonDatabaseFileRejected()
    {
        File.WriteAllText(databasePath, "this is a text file, not a SQLite database, padded to be long enough to hold a header page");

        Assert.Throws<InvalidDataException>(() => SqliteJournalStore.Open(databasePath));
        Assert.Throws<InvalidDataException>(() => SqliteJournalStore.OpenReadOnly(databasePath));
    }

    [Fact]
    public void Open_ForeignDatabaseRejected()
    {
        LedgerTestData.ExecuteRaw(databasePath, "CREATE TABLE customers (id INTEGER PRIMARY KEY)");

        Assert.Throws<InvalidDataException>(() => SqliteJournalStore.Open(databasePath));
        Assert.Throws<InvalidDataException>(() => SqliteJournalStore.OpenReadOnly(databasePath));
    }

    [Fact]
    public void Open_FolderPathRejected()
    {
        IOException error = Assert.Throws<IOException>(() => SqliteJournalStore.Open(folder.Path));

        Assert.Contains(folder.Path, error.Message);
    }

    [Fact]
    public void Open_CreatesMissingFolder()
    {
        string nestedPath = folder.Combine(Path.Combine("a", "b", "journal.db"));

        using SqliteJournalStore store = SqliteJournalStore.Open(nestedPath);

        Assert.True(File.Exists(nestedPath));
    }

    [Fact]
    public void Open_SetsWalJournalMode()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);

        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void ReadBlocks_ConcurrentWithAppend()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
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

    private long CountRows(string table)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
