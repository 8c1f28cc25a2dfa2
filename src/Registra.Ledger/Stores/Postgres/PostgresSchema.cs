using Npgsql;

namespace Registra.Ledger;

/// <summary>
/// Creates and migrates the PostgreSQL journal schema in the connection's current schema (the first
/// existing schema of its search path). Applied migrations are recorded in <c>schema_version</c>.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Highest schema version this build creates and reads.</summary>
    public static int Version => Migrations[^1].Version;

    // Key of the transaction-scoped advisory lock that serialises schema changes, so two nodes
    // starting at once on an empty database do not both run a migration.
    private const int MigrationLockClass = 0x52454731;

    // Each migration runs once, in order, in the same transaction as the row that records it.
    // Never edit a shipped migration: add the next version instead.
    private static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "blocks, snapshots and metadata; blocks and schema_version append-only", """
            CREATE TABLE blocks (
                height bigint PRIMARY KEY,
                first_sequence bigint NOT NULL UNIQUE,
                event_count bigint NOT NULL,
                header bytea NOT NULL,
                signature bytea NOT NULL,
                hash bytea NOT NULL,
                events bytea NOT NULL
            );
            CREATE TABLE snapshots (
                height bigint PRIMARY KEY,
                state bytea NOT NULL
            );
            CREATE TABLE metadata (
                key text PRIMARY KEY,
                value text NOT NULL
            );
            CREATE FUNCTION reject_journal_change() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $body$;
            CREATE TRIGGER blocks_reject_change BEFORE UPDATE OR DELETE ON blocks
                FOR EACH ROW EXECUTE FUNCTION reject_journal_change();
            CREATE TRIGGER blocks_reject_truncate BEFORE TRUNCATE ON blocks
                FOR EACH STATEMENT EXECUTE FUNCTION reject_journal_change();
            CREATE TRIGGER schema_version_reject_change BEFORE UPDATE OR DELETE ON schema_version
                FOR EACH ROW EXECUTE FUNCTION reject_journal_change();
            CREATE TRIGGER schema_version_reject_truncate BEFORE TRUNCATE ON schema_version
                FOR EACH STATEMENT EXECUTE FUNCTION reject_journal_change();
            REVOKE UPDATE, DELETE, TRUNCATE ON blocks, schema_version FROM PUBLIC;
            REVOKE UPDATE, DELETE, TRUNCATE ON blocks, schema_version FROM CURRENT_USER;
            """),
        (2, "writer_lease with its fencing epoch; NOTIFY registra_blocks on every appended block", """
            CREATE TABLE writer_lease (
                id integer PRIMARY KEY CHECK (id = 1),
                epoch bigint NOT NULL,
                holder text NOT NULL,
                acquired_at timestamptz NOT NULL
            );
            CREATE FUNCTION notify_block_appended() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                PERFORM pg_notify('registra_blocks', TG_TABLE_SCHEMA || ':' || NEW.height);
                RETURN NULL;
            END
            $body$;
            CREATE TRIGGER blocks_notify AFTER INSERT ON blocks
                FOR EACH ROW EXECUTE FUNCTION notify_block_appended();
            """),
        (3, "requests: Idempotency-Key records, created_at in microseconds since the Unix epoch", """
            CREATE TABLE requests (
                key_hash bytea PRIMARY KEY,
                fingerprint bytea NOT NULL,
                first_sequence bigint,
                status integer,
                headers text,
                body bytea,
                created_at bigint NOT NULL
            );
            CREATE INDEX requests_created_at ON requests (created_at);
            """),
    ];

    private const string CreateVersionTableSql = """
        CREATE TABLE schema_version (
            version integer PRIMARY KEY,
            description text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>Creates the schema in an empty database schema, or applies the migrations it lacks.</summary>
    /// <exception cref="InvalidDataException">
    /// The schema contains other tables but no journal, or was written by a newer build.
    /// </exception>
    public static void EnsureCreated(NpgsqlConnection connection, string target) => EnsureCreated(connection, target, Version);

    /// <summary>Applies the migrations up to <paramref name="targetVersion"/> only, so tests can build an older schema.</summary>
    internal static void EnsureCreated(NpgsqlConnection connection, string target, int targetVersion)
    {
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        string schema = ReadCurrentSchema(connection, transaction, target);
        using (NpgsqlCommand lockCommand = new("SELECT pg_advisory_xact_lock(@class, hashtext(current_schema()))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("class", MigrationLockClass);
            lockCommand.ExecuteNonQuery();
        }

        int version = ReadVersion(connection, transaction, schema);
        if (version < 0)
        {
            RejectForeignTables(connection, transaction, schema, target);
            Execute(connection, transaction, CreateVersionTableSql);
            version = 0;
        }

        RejectUnsupportedVersion(version, target);
        foreach ((int migrationVersion, string description, string sql) in Migrations)
        {
            if (migrationVersion <= version || migrationVersion > targetVersion)
            {
                continue;
            }

            Execute(connection, transaction, sql);
            using NpgsqlCommand record = new("INSERT INTO schema_version (version, description) VALUES (@version, @description)", connection, transaction);
            record.Parameters.AddWithValue("version", migrationVersion);
            record.Parameters.AddWithValue("description", description);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Checks that the current schema contains a journal of the supported version.</summary>
    /// <exception cref="InvalidDataException">The schema has no journal, or one of another version.</exception>
    public static void EnsureSupported(NpgsqlConnection connection, string target)
    {
        string schema = ReadCurrentSchema(connection, transaction: null, target);
        int version = ReadVersion(connection, transaction: null, schema);
        if (version < 0)
        {
            throw new InvalidDataException(
                $"{target} has no Registra journal in schema '{schema}': the table schema_version is missing. " +
                "Check the connection string, or start 'registra serve' or an import on it first.");
        }

        if (version != Version)
        {
            throw new InvalidDataException(
                $"The journal in {target} has schema version {version}, but this build reads only version {Version}. " +
                "Open it once for writing with this build to migrate it, or use the build that wrote it.");
        }
    }

    private static void RejectUnsupportedVersion(int version, string target)
    {
        if (version > Version)
        {
            throw new InvalidDataException(
                $"The journal in {target} has schema version {version}, but this build supports versions up to {Version}. Use a newer build.");
        }
    }

    private static string ReadCurrentSchema(NpgsqlConnection connection, NpgsqlTransaction? transaction, string target)
    {
        using NpgsqlCommand command = new("SELECT current_schema()", connection, transaction);
        return command.ExecuteScalar() as string
            ?? throw new InvalidDataException(
                $"{target}: no schema of the search path exists. Create it with CREATE SCHEMA, or fix 'Search Path' in the connection string.");
    }

    // Returns the highest applied version, 0 for an empty version table, or -1 when the table is missing.
    private static int ReadVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema)
    {
        using NpgsqlCommand exists = new("SELECT to_regclass(format('%I.schema_version', @schema)::text) IS NOT NULL", connection, transaction);
        exists.Parameters.AddWithValue("schema", schema);
        if (!(bool)exists.ExecuteScalar()!)
        {
            return -1;
        }

        using NpgsqlCommand command = new("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction);
        return (int)command.ExecuteScalar()!;
    }

    private static void RejectForeignTables(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string target)
    {
        using NpgsqlCommand command = new("SELECT count(*) FROM pg_tables WHERE schemaname = @schema", connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        long tables = (long)command.ExecuteScalar()!;
        if (tables != 0)
        {
            throw new InvalidDataException(
                $"Schema '{schema}' of {target} holds {tables} other tables and no Registra journal. " +
                "Use an empty database or schema, for example with 'Search Path=registra' after CREATE SCHEMA registra.");
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using NpgsqlCommand command = new(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
