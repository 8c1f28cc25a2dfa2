using Microsoft.Data.Sqlite;

namespace Registra.Ledger;

public sealed partial class SqliteJournalStore
{
    private const string CreateSnapshotsSql = "CREATE TABLE IF NOT EXISTS snapshots (height INTEGER PRIMARY KEY, state BLOB NOT NULL)";

    private const string UpsertSnapshotSql = "INSERT OR REPLACE INTO snapshots (height, state) VALUES ($height, $state)";

    private const string PruneSnapshotsSql =
        "DELETE FROM snapshots WHERE height NOT IN (SELECT height FROM snapshots ORDER BY height DESC LIMIT 2)";

    private const int SqliteErrorCode = 1;

    /// <summary>
    /// The SQLite file beside the journal that contains the register snapshots: <c>journal.snapshots.db</c>
    /// for <c>journal.db</c>. Deleting it only makes the next start replay the whole journal.
    /// </summary>
    public string SnapshotPath => System.IO.Path.ChangeExtension(path, ".snapshots.db");

    /// <inheritdoc/>
    /// <remarks>
    /// Snapshots live in their own file, <see cref="SnapshotPath"/>, written through a connection of
    /// their own. A snapshot of a large register takes long to write, and this way appends to the
    /// journal neither wait for its lock nor sync its pages: one other thread may call this while
    /// the writer appends. The file uses a rollback journal, so the state is written once, and
    /// <c>synchronous=NORMAL</c>: a power loss may take the latest snapshot, never the journal.
    /// </remarks>
    public void SaveSnapshot(long height, ReadOnlyMemory<byte> state)
    {
        RequireWriteConnection();
        long headHeight = ReadHead()?.Height ?? 0;
        if (height < 1 || height > headHeight)
        {
            throw new ArgumentOutOfRangeException(
                nameof(height), height, $"A snapshot height must be between 1 and the head height {headHeight}.");
        }

        try
        {
            OwnerOnlyFile.CreateIfMissing(SnapshotPath);
            using var connection = new SqliteConnection(BuildConnectionString(SnapshotPath, SqliteOpenMode.ReadWriteCreate));
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"PRAGMA synchronous = NORMAL; {CreateSnapshotsSql}";
            command.ExecuteNonQuery();

            using SqliteTransaction transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            command.CommandText = UpsertSnapshotSql;
            command.Parameters.Add("$height", SqliteType.Integer).Value = height;
            command.Parameters.Add("$state", SqliteType.Blob).Value = AsArray(state);
            command.ExecuteNonQuery();

            command.Parameters.Clear();
            command.CommandText = PruneSnapshotsSql;
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            throw new IOException($"Failed to save the snapshot at height {height} to '{SnapshotPath}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public (long Height, byte[] State)? ReadLatestSnapshot()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!File.Exists(SnapshotPath))
        {
            return null;
        }

        try
        {
            using var connection = new SqliteConnection(BuildConnectionString(SnapshotPath, SqliteOpenMode.ReadOnly));
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT height, state FROM snapshots ORDER BY height DESC LIMIT 1";
            using SqliteDataReader rows = command.ExecuteReader();
            return rows.Read() ? (rows.GetInt64(0), rows.GetFieldValue<byte[]>(1)) : null;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteErrorCode or SqliteNotADatabaseError)
        {
            // A file without the table, or not a database: the engine replays the journal instead.
            return null;
        }
    }
}
