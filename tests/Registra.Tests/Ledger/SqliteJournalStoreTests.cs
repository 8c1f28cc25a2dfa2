using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

/// <summary>The journal store contract on SQLite files, plus what only the SQLite store does.</summary>
public sealed class SqliteJournalStoreTests : JournalStoreTests
{
    private readonly TempFolder folder = new();
    private readonly string databasePath;

    public SqliteJournalStoreTests()
    {
        databasePath = folder.Combine("journal.db");
    }

    public override void Dispose()
    {
        base.Dispose();
        folder.Dispose();
    }

    protected override IJournalStore Open() => SqliteJournalStore.Open(databasePath);

    protected override IJournalStore OpenReadOnly() => SqliteJournalStore.OpenReadOnly(databasePath);

    protected override void ExecuteRaw(string sql) => LedgerTestData.ExecuteRaw(databasePath, sql);

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
    public void OpenReadOnly_MissingFileRejected()
    {
        FileNotFoundException error = Assert.Throws<FileNotFoundException>(
            () => SqliteJournalStore.OpenReadOnly(folder.Combine("missing.db")));

        Assert.Contains("missing.db", error.Message);
        Assert.False(File.Exists(folder.Combine("missing.db")));
    }

    [Fact]
    public void Open_NonDatabaseFileRejected()
    {
        File.WriteAllText(databasePath, "this is a text file, not a SQLite database, padded to be long enough to hold a header page");

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
    public void SaveSnapshot_WritesFileBesideJournal()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [1, 1]);

        store.SaveSnapshot(2, new byte[] { 7, 7 });

        Assert.Equal(folder.Combine("journal.snapshots.db"), store.SnapshotPath);
        Assert.True(File.Exists(store.SnapshotPath));
        (long height, byte[] state) = store.ReadLatestSnapshot()!.Value;
        Assert.Equal(2, height);
        Assert.Equal(new byte[] { 7, 7 }, state);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Open_NewJournal_FilesAreOwnerOnly()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [1]);
        store.SaveSnapshot(1, new byte[] { 1 });

        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", store.SnapshotPath })
        {
            Assert.Equal(OwnerOnlyFile.Mode, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Open_ExistingFile_KeepsItsMode()
    {
        const UnixFileMode groupReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.WriteAllBytes(databasePath, []);
        File.SetUnixFileMode(databasePath, groupReadable);

        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);

        Assert.Equal(groupReadable, File.GetUnixFileMode(databasePath));
    }

    [Fact]
    public void ReadLatestSnapshot_SnapshotFileDeleted_FindsNone()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [1]);
        store.SaveSnapshot(1, new byte[] { 1 });

        File.Delete(store.SnapshotPath);

        Assert.Null(store.ReadLatestSnapshot());
        Assert.Equal(1, store.ReadHead()!.Height);
    }

    [Fact]
    public void ReadLatestSnapshot_CorruptFile_FindsNone()
    {
        using SqliteJournalStore store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [1]);
        File.WriteAllText(store.SnapshotPath, "not a SQLite database, but long enough to be read as a header page of one");

        Assert.Null(store.ReadLatestSnapshot());
    }

    [Fact]
    public void Open_VersionTwoJournal_DropsSnapshotTable()
    {
        using (SqliteJournalStore store = SqliteJournalStore.Open(databasePath))
        {
            LedgerTestData.AppendBlocks(store, key, [2, 3]);
        }

        LedgerTestData.ExecuteRaw(databasePath,
            "CREATE TABLE snapshots (height INTEGER PRIMARY KEY, state BLOB NOT NULL); INSERT INTO snapshots VALUES (2, x'0102'); PRAGMA user_version = 2;");
        using SqliteJournalStore upgraded = SqliteJournalStore.Open(databasePath);

        Assert.Equal(2, upgraded.ReadHead()!.Height);
        Assert.Null(upgraded.ReadLatestSnapshot());
        SqliteException missingTable = Assert.Throws<SqliteException>(() => LedgerTestData.ExecuteRaw(databasePath, "SELECT count(*) FROM snapshots"));
        Assert.Contains("no such table", missingTable.Message);
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

    // Snapshots live in a file of their own beside the journal.
    protected override long CountRows(string table)
    {
        var file = table == "snapshots" ? Path.ChangeExtension(databasePath, ".snapshots.db") : databasePath;
        var builder = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
