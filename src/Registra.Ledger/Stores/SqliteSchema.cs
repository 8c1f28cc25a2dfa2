using Microsoft.Data.Sqlite;

namespace Registra.Ledger;

/// <summary>Creates and checks the SQLite journal schema, versioned with <c>PRAGMA user_version</c>.</summary>
internal static class SqliteSchema
{
    public const int Version = 3;

    // Version 2 added the request table. Version 3 moved snapshots to a file of their own (see
    // SqliteJournalStore.SnapshotPath) and dropped the snapshot table. Older journals are upgraded
    // when opened for writing; their first start then replays every block once.
    private const int FirstVersion = 1;

    private const string DropSnapshotsSql = "DROP TABLE IF EXISTS snapshots";

    // Idempotency records: one row per Idempotency-Key and caller, deleted after their retention.
    // created_at is in microseconds since the Unix epoch.
    private const string CreateRequestsSql = """
        CREATE TABLE requests (
            key_hash BLOB PRIMARY KEY,
            fingerprint BLOB NOT NULL,
            first_sequence INTEGER,
            status INTEGER,
            headers TEXT,
            body BLOB,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX requests_created_at ON requests (created_at);
        """;

    // The triggers make the block table append-only for every connection, including ad hoc ones
    // from the sqlite3 shell. Someone with write access to the file can still drop them, so a
    // tamper test has to drop the trigger first, which is the point: tampering is a deliberate act,
    // and JournalVerifier detects the result through the hashes and signatures.
    private const string CreateSql = """
        CREATE TABLE blocks (
            height INTEGER PRIMARY KEY,
            first_sequence INTEGER NOT NULL UNIQUE,
            event_count INTEGER NOT NULL,
            header BLOB NOT NULL,
            signature BLOB NOT NULL,
            hash BLOB NOT NULL,
            events BLOB NOT NULL
        );
        CREATE TABLE metadata (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TRIGGER blocks_reject_update BEFORE UPDATE ON blocks
        BEGIN
            SELECT RAISE(ABORT, 'blocks is append-only: UPDATE is not allowed');
        END;
        CREATE TRIGGER blocks_reject_delete BEFORE DELETE ON blocks
        BEGIN
            SELECT RAISE(ABORT, 'blocks is append-only: DELETE is not allowed');
        END;
        """;

    /// <summary>Creates the schema in an empty database, or checks the version of an existing one.</summary>
    /// <exception cref="InvalidDataException">The database has a schema version this code does not support.</exception>
    public static void EnsureCreated(SqliteConnection connection, string path)
    {
        using SqliteTransaction transaction = connection.BeginTransaction();
        long version = ReadVersion(connection, transaction);
        if (version == 0)
        {
            RejectForeignTables(connection, transaction, path);
            Execute(connection, transaction, CreateSql);
            Execute(connection, transaction, CreateRequestsSql);
            Execute(connection, transaction, $"PRAGMA user_version = {Version}");
            transaction.Commit();
            return;
        }

        RejectUnsupportedVersion(version, path);
        if (version == FirstVersion)
        {
            Execute(connection, transaction, CreateRequestsSql);
        }

        if (version < Version)
        {
            Execute(connection, transaction, DropSnapshotsSql);
            Execute(connection, transaction, $"PRAGMA user_version = {Version}");
        }

        transaction.Commit();
    }

    /// <summary>Checks that an existing database has the supported schema version.</summary>
    /// <exception cref="InvalidDataException">The database is not a journal or has an unsupported schema version.</exception>
    public static void EnsureSupported(SqliteConnection connection, string path)
    {
        long version = ReadVersion(connection, transaction: null);
        if (version == 0)
        {
            throw new InvalidDataException($"'{path}' is not a Registra journal: it has no journal schema.");
        }

        RejectUnsupportedVersion(version, path);
    }

    private static void RejectUnsupportedVersion(long version, string path)
    {
        if (version is < FirstVersion or > Version)
        {
            throw new InvalidDataException(
                $"Journal '{path}' has schema version {version}, but this build supports versions {FirstVersion} to {Version}.");
        }
    }

    private static void RejectForeignTables(SqliteConnection connection, SqliteTransaction transaction, string path)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_schema";
        long objects = (long)command.ExecuteScalar()!;
        if (objects != 0)
        {
            throw new InvalidDataException(
                $"'{path}' is a SQLite database with {objects} other schema objects and no journal schema. Open an empty or new file instead.");
        }
    }

    private static long ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
