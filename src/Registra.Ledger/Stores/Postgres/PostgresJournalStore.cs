using Npgsql;
using Registra.Ledger.Requests;

namespace Registra.Ledger;

/// <summary>
/// Journal store in a PostgreSQL database, one row per block, in the current schema of the
/// connection (the first existing schema of its search path). Several processes may open the same
/// database: the unique block height lets exactly one of two writers append a block at a height.
/// </summary>
/// <remarks>
/// Thread safety: <see cref="Append"/> and <see cref="SetMetadata"/> use one dedicated write
/// connection and must be called by a single writer thread. <see cref="SaveSnapshot"/> takes a
/// pooled connection, so one other thread may call it meanwhile. The read methods
/// take a pooled connection per call (per enumeration for <see cref="ReadBlocks"/>), so any thread
/// may call them while the writer appends.
/// </remarks>
public sealed partial class PostgresJournalStore : IJournalStore, IRequestLog
{
    private readonly NpgsqlDataSource dataSource;
    private readonly NpgsqlConnection? writeConnection;
    private readonly PostgresWriteCommands? writeCommands;
    private bool disposed;
    private long? fencingEpoch;

    private PostgresJournalStore(NpgsqlDataSource dataSource, NpgsqlConnection? writeConnection, string target)
    {
        this.dataSource = dataSource;
        this.writeConnection = writeConnection;
        Target = target;
        writeCommands = writeConnection is null ? null : new PostgresWriteCommands(writeConnection);
    }

    /// <summary>Host, port, database and schema path of the store, without credentials, for messages and logs.</summary>
    public string Target { get; }

    /// <summary>
    /// Opens the journal for reading and appending, creating the tables or applying missing
    /// migrations in the connection's current schema.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    /// <exception cref="InvalidDataException">The schema contains other tables, or a journal of a newer version.</exception>
    /// <exception cref="IOException">PostgreSQL could not be reached or rejected the connection or a schema change.</exception>
    public static PostgresJournalStore Open(string connectionString)
    {
        NpgsqlDataSource dataSource = BuildDataSource(connectionString, readOnly: false, out string target);
        NpgsqlConnection? connection = null;
        try
        {
            connection = dataSource.OpenConnection();
            PostgresSchema.EnsureCreated(connection, target);
            RequireDurableCommit(connection);
            return new PostgresJournalStore(dataSource, connection, target);
        }
        catch (NpgsqlException ex)
        {
            connection?.Dispose();
            dataSource.Dispose();
            throw new IOException($"Failed to open the journal in {target}: {ex.Message}", ex);
        }
        catch
        {
            connection?.Dispose();
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing journal for reading only, as <c>registra verify</c> does. Its sessions are
    /// read-only on the server too, and write methods throw <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    /// <exception cref="InvalidDataException">The schema has no journal, or one of another version.</exception>
    /// <exception cref="IOException">PostgreSQL could not be reached or rejected the connection.</exception>
    public static PostgresJournalStore OpenReadOnly(string connectionString)
    {
        NpgsqlDataSource dataSource = BuildDataSource(connectionString, readOnly: true, out string target);
        try
        {
            using NpgsqlConnection connection = dataSource.OpenConnection();
            PostgresSchema.EnsureSupported(connection, target);
            return new PostgresJournalStore(dataSource, writeConnection: null, target);
        }
        catch (NpgsqlException ex)
        {
            dataSource.Dispose();
            throw new IOException($"Failed to open the journal in {target}: {ex.Message}", ex);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>Checks whether the current schema of the connection contains the journal's tables.</summary>
    /// <exception cref="IOException">PostgreSQL could not be reached or rejected the connection.</exception>
    public static bool HasJournal(string connectionString)
    {
        using NpgsqlDataSource dataSource = BuildDataSource(connectionString, readOnly: true, out string target);
        try
        {
            using NpgsqlConnection connection = dataSource.OpenConnection();
            using NpgsqlCommand command = new("SELECT to_regclass(format('%I.schema_version', current_schema())::text) IS NOT NULL", connection);
            return command.ExecuteScalar() is true;
        }
        catch (NpgsqlException ex)
        {
            throw new IOException($"Failed to open the journal in {target}: {ex.Message}", ex);
        }
    }

    /// <summary>Describes a connection string by host, port, database, user and search path, leaving out the password.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        string schema = string.IsNullOrEmpty(builder.SearchPath) ? string.Empty : $", search path '{builder.SearchPath}'";
        return $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port} as user '{builder.Username}'{schema}";
    }

    /// <summary>
    /// Makes every later append check, in its own transaction, that the writer lease still has
    /// <paramref name="epoch"/>; once another node takes the lease, appends throw
    /// <see cref="JournalConflictException"/>. Call it with <see cref="PostgresWriterLease.Epoch"/>.
    /// </summary>
    public void FenceWith(long epoch)
    {
        RequireWriteConnection();
        fencingEpoch = epoch;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        writeCommands?.Dispose();
        writeConnection?.Dispose();
        dataSource.Dispose();
    }

    private static NpgsqlDataSource BuildDataSource(string connectionString, bool readOnly, out string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        target = Describe(connectionString);
        if (readOnly)
        {
            // The server then rejects any write from these sessions, whatever the role may do.
            builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    // A block must be durable before its commands are acknowledged. With synchronous_commit off,
    // PostgreSQL acknowledges a commit before the WAL reaches disk, so the write session turns it
    // on. Other values (local, remote_write, on, remote_apply) flush locally and are kept.
    private static void RequireDurableCommit(NpgsqlConnection connection)
    {
        using NpgsqlCommand show = new("SHOW synchronous_commit", connection);
        if (show.ExecuteScalar() as string == "off")
        {
            using NpgsqlCommand set = new("SET synchronous_commit = on", connection);
            set.ExecuteNonQuery();
        }
    }

    private NpgsqlConnection OpenReadConnection()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return dataSource.OpenConnection();
    }

    private NpgsqlConnection RequireWriteConnection()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return writeConnection ?? throw new InvalidOperationException($"The journal in {Target} was opened read-only.");
    }
}
