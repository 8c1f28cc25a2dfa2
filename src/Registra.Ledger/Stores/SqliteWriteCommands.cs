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

    private const string UpsertMetadataSql = "INSERT OR REPLACE INTO metadata (key, value) VALUES ($key, $value)";

    // The first record of a key wins: a later applied request with the same key changes nothing.
    private const string InsertAppliedSql = """
        INSERT INTO requests (key_hash, fingerprint, first_sequence, created_at)
        VALUES ($key_hash, $fingerprint, $first_sequence, $created_at)
        ON CONFLICT (key_hash) DO NOTHING
        """;

    // A response completes the record of its own request only, never one with another fingerprint.
    private const string UpsertResponseSql = """
        INSERT INTO requests (key_hash, fingerprint, status, headers, body, created_at)
        VALUES ($key_hash, $fingerprint, $status, $headers, $body, $created_at)
        ON CONFLICT (key_hash) DO UPDATE SET status = excluded.status, headers = excluded.headers, body = excluded.body
        WHERE requests.fingerprint = excluded.fingerprint AND requests.status IS NULL
        """;

    private const string DeleteRequestsSql = "DELETE FROM requests WHERE created_at < $cutoff";

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
        UpsertMetadata = Prepare(connection, UpsertMetadataSql, ("$key", SqliteType.Text), ("$value", SqliteType.Text));
        InsertApplied = Prepare(connection, InsertAppliedSql,
            ("$key_hash", SqliteType.Blob),
            ("$fingerprint", SqliteType.Blob),
            ("$first_sequence", SqliteType.Integer),
            ("$created_at", SqliteType.Integer));
        UpsertResponse = Prepare(connection, UpsertResponseSql,
            ("$key_hash", SqliteType.Blob),
            ("$fingerprint", SqliteType.Blob),
            ("$status", SqliteType.Integer),
            ("$headers", SqliteType.Text),
            ("$body", SqliteType.Blob),
            ("$created_at", SqliteType.Integer));
        DeleteRequests = Prepare(connection, DeleteRequestsSql, ("$cutoff", SqliteType.Integer));
    }

    public SqliteCommand Head { get; }

    public SqliteCommand InsertBlock { get; }

    public SqliteCommand UpsertMetadata { get; }

    public SqliteCommand InsertApplied { get; }

    public SqliteCommand UpsertResponse { get; }

    public SqliteCommand DeleteRequests { get; }

    public void Dispose()
    {
        Head.Dispose();
        InsertBlock.Dispose();
        UpsertMetadata.Dispose();
        InsertApplied.Dispose();
        UpsertResponse.Dispose();
        DeleteRequests.Dispose();
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
