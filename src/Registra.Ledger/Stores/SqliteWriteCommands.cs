using Microsoft.Data.Sqlite;

namespace Registra.Ledger;

/// <summary>Prepared statements of the write connection, reused across appends.</summary>
internal sealed class SqliteWriteCommands : IDisposable
{
    private const string HeadSql =
        "SELECT height, first_sequence + event_count - 1, hash FROM blocks ORDER BY height DESC LIMIT 1";

    private const string InsertBlockSql = """
        INSERT INTO blocks (height, first_sequence, event_count, header, signature, hash, events)
        VALUES ($height, $first_sequence, $event_count, $header, $signature, $hash, $events)
        """;

    private const string UpsertSnapshotSql = "INSERT OR REPLACE INTO snapshots (height, state) VALUES ($height, $state)";

    private const string PruneSnapshotsSql =
        "DELETE FROM snapshots WHERE height NOT IN (SELECT height FROM snapshots ORDER BY height DESC LIMIT 2)";

    private const string UpsertMetadataSql = "INSERT OR REPLACE INTO metadata (key, value) VALUES ($key, $value)";

    public SqliteWriteCommands(SqliteConnection connection)
    {
        Head = Prepare(connection, HeadSql);
        InsertBlock = Prepare(connection, InsertBlockSql,
            ("$height", SqliteType.Integer),
            ("$first_sequence", SqliteType.Integer),
            ("$event_count", SqliteType.Integer),
            ("$header", SqliteType.Blob),
            ("$signature", SqliteType.Blob),
            ("$hash", SqliteType.Blob),
            ("$events", SqliteType.Blob));
        UpsertSnapshot = Prepare(connection, UpsertSnapshotSql, ("$height", SqliteType.Integer), ("$state", SqliteType.Blob));
        PruneSnapshots = Prepare(connection, PruneSnapshotsSql);
        UpsertMetadata = Prepare(connection, UpsertMetadataSql, ("$key", SqliteType.Text), ("$value", SqliteType.Text));
    }

    public SqliteCommand Head { get; }

    public SqliteCommand InsertBlock { get; }

    public SqliteCommand UpsertSnapshot { get; }

    public SqliteCommand PruneSnapshots { get; }

    public SqliteCommand UpsertMetadata { get; }

    public void Dispose()
    {
        Head.Dispose();
        InsertBlock.Dispose();
        UpsertSnapshot.Dispose();
        PruneSnapshots.Dispose();
        UpsertMetadata.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, SqliteType type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }
}
