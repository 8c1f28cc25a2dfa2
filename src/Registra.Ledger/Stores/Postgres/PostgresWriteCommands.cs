using Npgsql;
using NpgsqlTypes;

namespace Registra.Ledger;

/// <summary>Prepared statements of the write connection, reused across appends.</summary>
internal sealed class PostgresWriteCommands : IDisposable
{
    public const string HeadSql =
        "SELECT height, first_sequence + event_count - 1, hash FROM blocks ORDER BY height DESC LIMIT 1";

    private const string InsertBlockSql = """
        INSERT INTO blocks (height, first_sequence, event_count, header, signature, hash, events)
        VALUES (@height, @first_sequence, @event_count, @header, @signature, @hash, @events)
        """;

    // FOR SHARE holds the lease row until the append commits, so a new lease waits for it (see PostgresWriterLease).
    private const string LeaseEpochSql = "SELECT epoch FROM writer_lease WHERE id = 1 FOR SHARE";

    private const string UpsertMetadataSql =
        "INSERT INTO metadata (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

    private const string InsertAppliedSql = """
        INSERT INTO requests (key_hash, fingerprint, first_sequence, created_at)
        VALUES (@key_hash, @fingerprint, @first_sequence, @created_at)
        ON CONFLICT (key_hash) DO NOTHING
        """;

    private const string UpsertResponseSql = """
        INSERT INTO requests (key_hash, fingerprint, status, headers, body, created_at)
        VALUES (@key_hash, @fingerprint, @status, @headers, @body, @created_at)
        ON CONFLICT (key_hash) DO UPDATE SET status = excluded.status, headers = excluded.headers, body = excluded.body
        """;

    private const string DeleteRequestsSql = "DELETE FROM requests WHERE created_at < @cutoff";

    public PostgresWriteCommands(NpgsqlConnection connection)
    {
        Head = Prepare(connection, HeadSql);
        InsertBlock = Prepare(connection, InsertBlockSql,
            ("height", NpgsqlDbType.Bigint),
            ("first_sequence", NpgsqlDbType.Bigint),
            ("event_count", NpgsqlDbType.Bigint),
            ("header", NpgsqlDbType.Bytea),
            ("signature", NpgsqlDbType.Bytea),
            ("hash", NpgsqlDbType.Bytea),
            ("events", NpgsqlDbType.Bytea));
        LeaseEpoch = Prepare(connection, LeaseEpochSql);
        UpsertMetadata = Prepare(connection, UpsertMetadataSql, ("key", NpgsqlDbType.Text), ("value", NpgsqlDbType.Text));
        InsertApplied = Prepare(connection, InsertAppliedSql,
            ("key_hash", NpgsqlDbType.Bytea), ("fingerprint", NpgsqlDbType.Bytea), ("first_sequence", NpgsqlDbType.Bigint), ("created_at", NpgsqlDbType.Bigint));
        UpsertResponse = Prepare(connection, UpsertResponseSql,
            ("key_hash", NpgsqlDbType.Bytea), ("fingerprint", NpgsqlDbType.Bytea), ("status", NpgsqlDbType.Integer),
            ("headers", NpgsqlDbType.Text), ("body", NpgsqlDbType.Bytea), ("created_at", NpgsqlDbType.Bigint));
        DeleteRequests = Prepare(connection, DeleteRequestsSql, ("cutoff", NpgsqlDbType.Bigint));
    }

    public NpgsqlCommand InsertApplied { get; }

    public NpgsqlCommand UpsertResponse { get; }

    public NpgsqlCommand DeleteRequests { get; }

    public NpgsqlCommand Head { get; }

    public NpgsqlCommand InsertBlock { get; }

    public NpgsqlCommand LeaseEpoch { get; }

    public NpgsqlCommand UpsertMetadata { get; }

    public void Dispose()
    {
        Head.Dispose();
        InsertBlock.Dispose();
        LeaseEpoch.Dispose();
        UpsertMetadata.Dispose();
        InsertApplied.Dispose();
        UpsertResponse.Dispose();
        DeleteRequests.Dispose();
    }

    private static NpgsqlCommand Prepare(NpgsqlConnection connection, string sql, params (string Name, NpgsqlDbType Type)[] parameters)
    {
        NpgsqlCommand command = new(sql, connection);
        foreach ((string name, NpgsqlDbType type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }
}
