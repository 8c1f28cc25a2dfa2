using Npgsql;

namespace Registra.Ledger;

public sealed partial class PostgresJournalStore
{
    /// <inheritdoc/>
    public JournalHead? ReadHead()
    {
        using NpgsqlConnection connection = OpenReadConnection();
        using NpgsqlCommand command = new(PostgresWriteCommands.HeadSql, connection);
        return ReadHead(command, transaction: null);
    }

    /// <inheritdoc/>
    public long CountBlocks()
    {
        using NpgsqlConnection connection = OpenReadConnection();
        using NpgsqlCommand command = new("SELECT count(*) FROM blocks", connection);
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Each enumeration takes its own pooled connection and runs one query, so it reads the blocks
    /// committed when it started. Dispose it promptly, because it holds the connection until then.
    /// </remarks>
    public IEnumerable<SealedBlock> ReadBlocks(long fromHeight = 1)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return EnumerateBlocks(fromHeight);
    }

    /// <inheritdoc/>
    public SealedBlock? ReadBlockContaining(long sequence)
    {
        using NpgsqlConnection connection = OpenReadConnection();
        using NpgsqlCommand command = new(
            $"SELECT {JournalRules.BlockColumns} FROM blocks WHERE first_sequence <= @sequence ORDER BY first_sequence DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("sequence", sequence);

        using NpgsqlDataReader rows = command.ExecuteReader();
        if (!rows.Read())
        {
            return null;
        }

        SealedBlock block = JournalRules.DecodeBlockRow(rows);
        return sequence <= block.Header.LastSequence ? block : null;
    }

    /// <inheritdoc/>
    public (long Height, byte[] State)? ReadLatestSnapshot()
    {
        using NpgsqlConnection connection = OpenReadConnection();
        using NpgsqlCommand command = new("SELECT height, state FROM snapshots ORDER BY height DESC LIMIT 1", connection);

        using NpgsqlDataReader rows = command.ExecuteReader();
        return rows.Read() ? (rows.GetInt64(0), rows.GetFieldValue<byte[]>(1)) : null;
    }

    /// <inheritdoc/>
    public string? GetMetadata(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        using NpgsqlConnection connection = OpenReadConnection();
        using NpgsqlCommand command = new("SELECT value FROM metadata WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return command.ExecuteScalar() as string;
    }

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> ListMetadata(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        // Compared byte for byte (COLLATE "C"), so the order is ordinal as with SQLite, whatever the database collation.
        using NpgsqlConnection connection = OpenReadConnection();
        using NpgsqlCommand command = new(
            "SELECT key, value FROM metadata WHERE left(key, length(@prefix)) = @prefix ORDER BY key COLLATE \"C\"", connection);
        command.Parameters.AddWithValue("prefix", prefix);

        var entries = new List<KeyValuePair<string, string>>();
        using NpgsqlDataReader rows = command.ExecuteReader();
        while (rows.Read())
        {
            entries.Add(new KeyValuePair<string, string>(rows.GetString(0), rows.GetString(1)));
        }

        return entries;
    }

    private static JournalHead? ReadHead(NpgsqlCommand command, NpgsqlTransaction? transaction)
    {
        command.Transaction = transaction;
        using NpgsqlDataReader rows = command.ExecuteReader();
        return rows.Read() ? new JournalHead(rows.GetInt64(0), rows.GetInt64(1), rows.GetFieldValue<byte[]>(2)) : null;
    }

    private IEnumerable<SealedBlock> EnumerateBlocks(long fromHeight)
    {
        using NpgsqlConnection connection = OpenReadConnection();
        using NpgsqlCommand command = new($"SELECT {JournalRules.BlockColumns} FROM blocks WHERE height >= @from ORDER BY height", connection);
        command.Parameters.AddWithValue("from", fromHeight);

        using NpgsqlDataReader rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return JournalRules.DecodeBlockRow(rows);
        }
    }
}
