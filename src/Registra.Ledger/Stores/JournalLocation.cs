using Npgsql;

namespace Registra.Ledger;

/// <summary>
/// Where a node's journal is stored: <c>journal.db</c> in the data folder (SQLite, the default) or a
/// PostgreSQL database named by a connection string. The node key files stay in the data folder either way.
/// </summary>
public sealed class JournalLocation
{
    /// <summary>File name of the SQLite journal inside a data folder.</summary>
    public const string SqliteFileName = "journal.db";

    private JournalLocation(string? sqlitePath, string? postgresConnectionString, long? fencingEpoch = null)
    {
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgresConnectionString;
        FencingEpoch = fencingEpoch;
        Description = sqlitePath ?? PostgresJournalStore.Describe(postgresConnectionString!);
    }

    /// <summary>Path of the SQLite file, or null for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>Npgsql connection string, or null for SQLite. Contains the password when one was given: never log it.</summary>
    public string? PostgresConnectionString { get; }

    public bool IsPostgres => PostgresConnectionString is not null;

    /// <summary>Writer lease epoch that every store opened for writing is fenced with, or null for none.</summary>
    public long? FencingEpoch { get; }

    /// <summary>The file path, or the PostgreSQL host, database and user without the password.</summary>
    public string Description { get; }

    /// <summary>The SQLite journal in <paramref name="dataDirectory"/>.</summary>
    public static JournalLocation InDataFolder(string dataDirectory) =>
        new(Path.Combine(Path.GetFullPath(dataDirectory), SqliteFileName), null);

    /// <summary>A PostgreSQL journal.</summary>
    /// <exception cref="ArgumentException">The connection string or URL is malformed.</exception>
    public static JournalLocation Postgres(string connectionStringOrUrl) => new(null, ToConnectionString(connectionStringOrUrl));

    /// <summary>
    /// Reads a <c>--store</c> value: null or empty for the SQLite journal in the data folder, otherwise a
    /// PostgreSQL connection string (<c>Host=...;Database=...</c>) or a <c>postgres://</c> URL.
    /// </summary>
    /// <exception cref="ArgumentException">The value is neither, or is malformed; the message names the accepted forms.</exception>
    public static JournalLocation Parse(string? store, string dataDirectory) =>
        string.IsNullOrWhiteSpace(store) ? InDataFolder(dataDirectory) : Postgres(store);

    /// <summary>
    /// The same PostgreSQL journal, with every store opened for writing fenced with <paramref name="epoch"/>
    /// (see <see cref="PostgresJournalStore.FenceWith"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The journal is a SQLite file, which has no writer lease.</exception>
    public JournalLocation WithFencingEpoch(long epoch) => IsPostgres
        ? new JournalLocation(null, PostgresConnectionString, epoch)
        : throw new InvalidOperationException("A SQLite journal has no writer lease to fence with.");

    /// <summary>Opens the journal for reading and appending, creating it when missing.</summary>
    public IJournalStore Open()
    {
        if (!IsPostgres)
        {
            return SqliteJournalStore.Open(SqlitePath!);
        }

        PostgresJournalStore store = PostgresJournalStore.Open(PostgresConnectionString!);
        if (FencingEpoch is { } epoch)
        {
            store.FenceWith(epoch);
        }

        return store;
    }

    /// <summary>Opens an existing journal read-only.</summary>
    public IJournalStore OpenReadOnly() =>
        IsPostgres ? PostgresJournalStore.OpenReadOnly(PostgresConnectionString!) : SqliteJournalStore.OpenReadOnly(SqlitePath!);

    /// <summary>
    /// Checks whether a journal exists here: a non-empty file for SQLite, the journal's tables for
    /// PostgreSQL. It may hold no blocks yet.
    /// </summary>
    /// <exception cref="IOException">PostgreSQL could not be reached.</exception>
    public bool Exists()
    {
        if (!IsPostgres)
        {
            return File.Exists(SqlitePath) && new FileInfo(SqlitePath!).Length > 0;
        }

        return PostgresJournalStore.HasJournal(PostgresConnectionString!);
    }

    private static string ToConnectionString(string value)
    {
        if (PostgresUrl.IsUrl(value))
        {
            value = PostgresUrl.ToConnectionString(value);
        }
        else if (!value.Contains('='))
        {
            throw new ArgumentException(
                $"'{value}' is not a PostgreSQL connection string: give 'Host=HOST;Database=DB;Username=USER' or a " +
                "postgres://USER@HOST/DB URL, or leave out --store to use journal.db in the data folder.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The PostgreSQL connection string is invalid: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string has no Host; add Host=HOST, or Host=FOLDER for a unix socket.");
        }

        return builder.ConnectionString;
    }
}
