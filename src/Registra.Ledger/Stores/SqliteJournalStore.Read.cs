using Microsoft.Data.Sqlite;

namespace Registra.Ledger;

public sealed partial class SqliteJournalStore
{
    /// <inheritdoc/>
    public JournalHead? ReadHead()
    {
        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT height, first_sequence + event_count - 1, hash FROM blocks ORDER BY height DESC LIMIT 1";
        return ReadHead(command, transaction: null);
    }

    /// <inheritdoc/>
    public long CountBlocks()
    {
        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM blocks";
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Each enumeration opens its own read connection and reads the blocks committed when it started.
    /// NOTE: an enumeration left open keeps SQLite from checkpointing the WAL, so dispose it promptly.
    /// </remarks>
    public IEnumerable<SealedBlock> ReadBlocks(long fromHeight = 1)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return EnumerateBlocks(fromHeight);
    }

    /// <inheritdoc/>
    public SealedBlock? ReadBlockContaining(long sequence)
    {
        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {JournalRules.BlockColumns} FROM blocks WHERE first_sequence <= $sequence ORDER BY first_sequence DESC LIMIT 1";
        command.Parameters.AddWithValue("$sequence", sequence);

        using SqliteDataReader rows = command.ExecuteReader();
        if (!rows.Read())
        {
            return null;
        }

        SealedBlock block = JournalRules.DecodeBlockRow(rows);
        return sequence <= block.Header.LastSequence ? block : null;
    }

    /// <inheritdoc/>
    public string? GetMetadata(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM metadata WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> ListMetadata(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM metadata WHERE substr(key, 1, length($prefix)) = $prefix ORDER BY key";
        command.Parameters.AddWithValue("$prefix", prefix);

        var entries = new List<KeyValuePair<string, string>>();
        using SqliteDataReader rows = command.ExecuteReader();
        while (rows.Read())
        {
            entries.Add(new KeyValuePair<string, string>(rows.GetString(0), rows.GetString(1)));
        }

        return entries;
    }

    private static JournalHead? ReadHead(SqliteCommand command, SqliteTransaction? transaction)
    {
        command.Transaction = transaction;
        using SqliteDataReader rows = command.ExecuteReader();
        return rows.Read() ? new JournalHead(rows.GetInt64(0), rows.GetInt64(1), rows.GetFieldValue<byte[]>(2)) : null;
    }

    private IEnumerable<SealedBlock> EnumerateBlocks(long fromHeight)
    {
        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {JournalRules.BlockColumns} FROM blocks WHERE height >= $from ORDER BY height";
        command.Parameters.AddWithValue("$from", fromHeight);

        using SqliteDataReader rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return JournalRules.DecodeBlockRow(rows);
        }
    }
}
