using Microsoft.Data.Sqlite;
using Registra.Ledger.Requests;

namespace Registra.Ledger;

/// <summary>
/// Journal store in one SQLite file (WAL mode, <c>synchronous=FULL</c>), one row per block.
/// </summary>
/// <remarks>
/// Thread safety: <see cref="Append"/>, <see cref="SaveSnapshot"/> and <see cref="SetMetadata"/> use
/// one write connection and must be called by a single writer thread, because they are not safe
/// to call concurrently. The read methods open a read-only connection per call (per enumeration for
/// <see cref="ReadBlocks"/>), so any thread may call them while the writer appends.
/// </remarks>
public sealed partial class SqliteJournalStore : IJournalStore, IRequestLog
{
    private const int SqliteConstraintError = 19;
    private const int SqliteNotADatabaseError = 26;

    private readonly string path;
    private readonly string readConnectionString;
    private readonly SqliteConnection? writeConnection;
    private readonly SqliteWriteCommands? writeCommands;
    private bool disposed;

    private SqliteJournalStore(string path, SqliteConnection? writeConnection)
    {
        this.path = path;
        this.writeConnection = writeConnection;
        readConnectionString = BuildConnectionString(path, SqliteOpenMode.ReadOnly);
        writeCommands = writeConnection is null ? null : new SqliteWriteCommands(writeConnection);
    }

    /// <summary>
    /// Opens the journal at <paramref name="path"/> for reading and appending, creating the file,
    /// its folder and the schema when missing.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a SQLite database or contains another schema.</exception>
    /// <exception cref="IOException">SQLite failed to open or set up the file, for example because the path is a folder.</exception>
    public static SqliteJournalStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        OwnerOnlyFile.CreateIfMissing(path);
        var connection = new SqliteConnection(BuildConnectionString(path, SqliteOpenMode.ReadWriteCreate));
        try
        {
            connection.Open();
            ConfigureWriteConnection(connection, path);
            SqliteSchema.EnsureCreated(connection, path);
            return new SqliteJournalStore(path, connection);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteNotADatabaseError)
        {
            connection.Dispose();
            throw new InvalidDataException($"'{path}' is not a SQLite database: {ex.Message}", ex);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new IOException($"Failed to open journal '{path}': {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing journal for reading only, as <c>registra verify</c> does. Write methods
    /// throw <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <remarks>
    /// NOTE: SQLite creates the <c>-shm</c> file of a WAL database on open, so this needs write access
    /// to the folder. Verifying a copy on read-only media has not been tried.
    /// </remarks>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a journal or has an unsupported schema version.</exception>
    /// <exception cref="IOException">SQLite failed to open the file.</exception>
    public static SqliteJournalStore OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Journal file '{path}' does not exist.", path);
        }

        var store = new SqliteJournalStore(path, writeConnection: null);
        try
        {
            using SqliteConnection connection = store.OpenReadConnection();
            SqliteSchema.EnsureSupported(connection, path);
            return store;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteNotADatabaseError)
        {
            throw new InvalidDataException($"'{path}' is not a SQLite database: {ex.Message}", ex);
        }
        catch (SqliteException ex)
        {
            throw new IOException($"Failed to open journal '{path}': {ex.Message}", ex);
        }
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
    }

    // Pooling is off so that Dispose closes the file: a pooled connection would keep it open.
    private static string BuildConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    private static void ConfigureWriteConnection(SqliteConnection connection, string path)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        string? mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Journal '{path}' could not switch to WAL mode; SQLite reported journal mode '{mode}'.");
        }

        // FULL syncs the WAL on every commit, so an appended block survives a power loss.
        // recursive_triggers makes INSERT OR REPLACE fire the delete trigger of the block table.
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA recursive_triggers = ON;";
        command.ExecuteNonQuery();
    }

    private SqliteConnection OpenReadConnection()
    {
        ObjectDisposedException.ThrowIf(disposed, this);

        var connection = new SqliteConnection(readConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private SqliteConnection RequireWriteConnection()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return writeConnection ?? throw new InvalidOperationException($"Journal '{path}' was opened read-only.");
    }
}
