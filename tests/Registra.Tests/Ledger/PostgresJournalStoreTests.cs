using Npgsql;
using Registra.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Ledger;

/// <summary>
/// The journal store contract on PostgreSQL, each test in a schema of its own, plus what only the
/// PostgreSQL store does. The server comes from REGISTRA_TEST_POSTGRES (see scripts/with-postgres.sh).
/// </summary>
public sealed class PostgresJournalStoreTests : JournalStoreTests
{
    private readonly PostgresTestDatabase database;

    public PostgresJournalStoreTests()
    {
        try
        {
            database = new PostgresTestDatabase();
        }
        catch
        {
            base.Dispose();
            throw;
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        database.Dispose();
    }

    protected override IJournalStore Open() => PostgresJournalStore.Open(database.ConnectionString);

    protected override IJournalStore OpenReadOnly() => PostgresJournalStore.OpenReadOnly(database.ConnectionString);

    protected override void ExecuteRaw(string sql) => database.Execute(sql);

    protected override long CountRows(string table) => (long)database.Scalar($"SELECT count(*) FROM {table}")!;

    [SkippableFact]
    public void Open_RecordsSchemaVersionOnce()
    {
        using (Open())
        {
        }

        using IJournalStore reopened = Open();

        Assert.Equal((long)PostgresSchema.Version, CountRows("schema_version"));
        Assert.Equal(PostgresSchema.Version, database.Scalar("SELECT max(version) FROM schema_version"));
    }

    [SkippableFact]
    public void Open_MigratesVersionOneSchema()
    {
        using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            connection.Open();
            PostgresSchema.EnsureCreated(connection, "the test schema", targetVersion: 1);
        }

        Assert.Throws<InvalidDataException>(() => OpenReadOnly());
        using (IJournalStore store = Open())
        {
            LedgerTestData.AppendBlocks(store, key, [2]);
        }

        Assert.Equal(PostgresSchema.Version, database.Scalar("SELECT max(version) FROM schema_version"));
        Assert.Equal(0L, CountRows("writer_lease"));
        using IJournalStore reopened = OpenReadOnly();
        Assert.Equal(1, reopened.CountBlocks());
    }

    [SkippableFact]
    public void Open_ConcurrentFirstOpensCreateOneSchema()
    {
        IJournalStore[] stores = Enumerable.Range(0, 4).AsParallel().Select(_ => Open()).ToArray();
        foreach (IJournalStore store in stores)
        {
            store.Dispose();
        }

        Assert.Equal((long)PostgresSchema.Version, CountRows("schema_version"));
    }

    [SkippableFact]
    public void Open_NewerSchemaVersionRejected()
    {
        using (Open())
        {
        }

        ExecuteRaw("INSERT INTO schema_version (version, description) VALUES (99, 'from a newer build')");

        InvalidDataException write = Assert.Throws<InvalidDataException>(() => Open());
        InvalidDataException read = Assert.Throws<InvalidDataException>(() => OpenReadOnly());
        Assert.Contains("version 99", write.Message);
        Assert.Contains("version 99", read.Message);
    }

    [SkippableFact]
    public void OpenReadOnly_EmptySchemaRejected()
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => OpenReadOnly());

        Assert.Contains("schema_version", error.Message);
        Assert.Equal(0L, database.Scalar($"SELECT count(*) FROM pg_tables WHERE schemaname = '{database.SchemaName}'"));
    }

    [SkippableFact]
    public void OpenReadOnly_ServerRejectsWrites()
    {
        using (Open())
        {
        }

        using var store = PostgresJournalStore.OpenReadOnly(database.ConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c default_transaction_read_only=on" };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("INSERT INTO metadata (key, value) VALUES ('k', 'v')", connection);

        PostgresException error = Assert.Throws<PostgresException>(() => command.ExecuteNonQuery());
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
        Assert.Null(store.GetMetadata("k"));
    }

    [SkippableFact]
    public void Open_MissingSearchPathSchemaRejected()
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = database.SchemaName + "_missing" };

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => PostgresJournalStore.Open(builder.ConnectionString));

        Assert.Contains("CREATE SCHEMA", error.Message);
    }

    [SkippableFact]
    public void Open_UnreachableServerIsIOException()
    {
        string missingSocketFolder = Path.Combine(Path.GetTempPath(), "registra-no-server-" + Guid.NewGuid().ToString("N"));
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = missingSocketFolder, Password = "secret-password", Timeout = 2 };

        IOException error = Assert.Throws<IOException>(() => PostgresJournalStore.Open(builder.ConnectionString));

        Assert.Contains(missingSocketFolder, error.Message);
        Assert.DoesNotContain("secret-password", error.Message);
    }

    [SkippableFact]
    public void AppendOnly_PrivilegesRevokedForOwner()
    {
        using (IJournalStore store = Open())
        {
            LedgerTestData.AppendBlocks(store, key, [1]);
        }

        Assert.Equal(false, database.Scalar("SELECT has_table_privilege('blocks', 'UPDATE')"));
        Assert.Equal(false, database.Scalar("SELECT has_table_privilege('blocks', 'DELETE')"));
        Assert.Equal(false, database.Scalar("SELECT has_table_privilege('blocks', 'TRUNCATE')"));
        Assert.Equal(true, database.Scalar("SELECT has_table_privilege('blocks', 'INSERT')"));
    }

    [SkippableFact]
    public void AppendOnly_TriggerRejectsEvenWithPrivileges()
    {
        using (IJournalStore store = Open())
        {
            LedgerTestData.AppendBlocks(store, key, [2, 2]);
        }

        // The owner can grant itself the revoked privileges back; the triggers still reject the change.
        ExecuteRaw("GRANT UPDATE, DELETE, TRUNCATE ON blocks TO CURRENT_USER");
        PostgresException update = Assert.Throws<PostgresException>(() => ExecuteRaw("UPDATE blocks SET event_count = 7 WHERE height = 1"));
        PostgresException delete = Assert.Throws<PostgresException>(() => ExecuteRaw("DELETE FROM blocks WHERE height = 2"));
        PostgresException truncate = Assert.Throws<PostgresException>(() => ExecuteRaw("TRUNCATE blocks"));

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
        Assert.Contains("append-only", truncate.MessageText);
        Assert.Equal(2L, CountRows("blocks"));
    }

    [SkippableFact]
    public void Append_LostRaceForHeightIsConflict()
    {
        using IJournalStore store = Open();
        SealedBlock winner = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 0, LedgerTestData.MakeEvents(1, 2), key);
        SealedBlock loser = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, 1, LedgerTestData.MakeEvents(1, 3), key);

        // Another writer inserts height 1 and keeps its transaction open, so the store reads an
        // empty head, inserts, and waits on the height key until the other writer commits.
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        using var other = new NpgsqlConnection(builder.ConnectionString);
        other.Open();
        using NpgsqlTransaction transaction = other.BeginTransaction();
        InsertRow(other, transaction, winner);
        Task<JournalConflictException> append = Task.Run(() => Assert.Throws<JournalConflictException>(() => store.Append(loser)));
        WaitUntilBlockedOnLock(other);
        transaction.Commit();

        JournalConflictException error = append.GetAwaiter().GetResult();
        Assert.Equal(1, error.BlockHeight);
        Assert.Equal(0, error.HeadHeight);
        Assert.Equal(winner.Hash, store.ReadHead()!.Hash);
        Assert.Equal(1, store.CountBlocks());
    }

    private static void InsertRow(NpgsqlConnection connection, NpgsqlTransaction transaction, SealedBlock block)
    {
        using var insert = new NpgsqlCommand(
            "INSERT INTO blocks (height, first_sequence, event_count, header, signature, hash, events) VALUES (@h, @f, @c, @header, @s, @hash, @e)",
            connection, transaction);
        insert.Parameters.AddWithValue("h", block.Header.Height);
        insert.Parameters.AddWithValue("f", block.Header.FirstSequence);
        insert.Parameters.AddWithValue("c", (long)block.Header.EventCount);
        insert.Parameters.AddWithValue("header", block.Header.ToCanonicalBytes());
        insert.Parameters.AddWithValue("s", block.Signature);
        insert.Parameters.AddWithValue("hash", block.Hash);
        insert.Parameters.AddWithValue("e", block.Events.ToArray());
        insert.ExecuteNonQuery();
    }

    // Polls pg_stat_activity until some session waits on a lock held by this connection's transaction.
    private void WaitUntilBlockedOnLock(NpgsqlConnection holder)
    {
        for (int attempt = 0; attempt < 3000; attempt++)
        {
            object? waiting = database.Scalar($"SELECT count(*) FROM pg_stat_activity WHERE {holder.ProcessID} = ANY(pg_blocking_pids(pid))");
            if (waiting is long count && count > 0)
            {
                return;
            }

            Thread.Sleep(20);
        }

        Assert.Fail("The store's append never waited on the other writer's uncommitted block.");
    }
}
