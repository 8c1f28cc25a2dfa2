using System.Text.Json;
using Microsoft.Data.Sqlite;
using Registra.Ledger;

namespace Registra.Cli.Commands;

/// <summary>
/// The exceptions a command lets through when a file, a key or stored data is unusable, and the
/// one-line message each becomes. Other exceptions are bugs and keep their stack trace.
/// </summary>
internal static class Failures
{
    public static bool IsInputFailure(Exception exception) => exception is IOException
        or UnauthorizedAccessException
        or InvalidDataException
        or FormatException
        or JsonException
        or NodeKeyException
        or JournalCorruptionException
        or SqliteException
        or Npgsql.NpgsqlException;

    public static string Describe(Exception exception) => exception switch
    {
        JournalCorruptionException corruption =>
            $"the journal is damaged: {corruption.Message} Run 'registra verify' on the data folder for details.",
        SqliteException sqlite =>
            $"SQLite failed to read the journal ({sqlite.Message}); the file may be damaged. Run 'registra verify' on the data folder.",
        Npgsql.NpgsqlException postgres =>
            $"PostgreSQL failed: {postgres.Message}. Check that the server is running and --store names the right database.",
        FormatException format =>
            $"stored data could not be decoded: {format.Message} Run 'registra verify' on the data folder for details.",
        _ => exception.Message,
    };
}
