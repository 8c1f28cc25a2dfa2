using Microsoft.Data.Sqlite;

namespace Registra.Ledger;

public sealed partial class SqliteJournalStore
{
    private const string BlockColumns = "height, first_sequence, event_count, header, signature, hash, events";

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
        command.CommandText = $"SELECT {BlockColumns} FROM blocks WHERE first_sequence <= $sequence ORDER BY first_sequence DESC LIMIT 1";
        command.Parameters.AddWithValue("$sequence", sequence);

        using SqliteDataReader rows = command.ExecuteReader();
        if (!rows.Read())
        {
            return null;
        }

        SealedBlock block = DecodeBlockRow(rows);
        return sequence <= block.Header.LastSequence ? block : null;
    }

    /// <inheritdoc/>
    public (long Height, byte[] State)? ReadLatestSnapshot()
    {
        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT height, state FROM snapshots ORDER BY height DESC LIMIT 1";

        using SqliteDataReader rows = command.ExecuteReader();
        return rows.Read() ? (rows.GetInt64(0), rows.GetFieldValue<byte[]>(1)) : null;
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
    public IEnumerable<(string Key, string Value)> ListMetadata(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM metadata WHERE substr(key, 1, length($prefix)) = $prefix ORDER BY key";
        command.Parameters.AddWithValue("$prefix", prefix);

        // Read all rows before returning, so the read connection is closed when the caller enumerates.
        var entries = new List<(string Key, string Value)>();
        using SqliteDataReader rows = command.ExecuteReader();
        while (rows.Read())
        {
            entries.Add((rows.GetString(0), rows.GetString(1)));
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
        command.CommandText = $"SELECT {BlockColumns} FROM blocks WHERE height >= $from ORDER BY height";
        command.Parameters.AddWithValue("$from", fromHeight);

        using SqliteDataReader rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return DecodeBlockRow(rows);
        }
    }

    // Decodes one row and checks that the index columns agree with the header they were taken from.
    private static SealedBlock DecodeBlockRow(SqliteDataReader rows)
    {
        long height = rows.GetInt64(0);
        BlockHeader header;
        try
        {
            header = BlockHeader.FromCanonicalBytes(rows.GetFieldValue<byte[]>(3));
        }
        catch (FormatException ex)
        {
            throw new JournalCorruptionException($"Block {height}: header malformed: {ex.Message}", ex) { Height = height };
        }

        string? problem = FindRowProblem(rows, height, header);
        if (problem is not null)
        {
            throw new JournalCorruptionException($"Block {height}: {problem}") { Height = height };
        }

        return new SealedBlock(header, rows.GetFieldValue<byte[]>(4), rows.GetFieldValue<byte[]>(5), rows.GetFieldValue<byte[]>(6));
    }

    private static string? FindRowProblem(SqliteDataReader rows, long height, BlockHeader header)
    {
        if (header.Height != height)
        {
            return $"row height {height} does not match header height {header.Height}.";
        }

        if (rows.GetInt64(1) != header.FirstSequence || rows.GetInt64(2) != header.EventCount)
        {
            return $"row event range ({rows.GetInt64(1)}, {rows.GetInt64(2)} events) does not match header " +
                $"({header.FirstSequence}, {header.EventCount} events).";
        }

        long signatureLength = rows.GetBytes(4, 0, null, 0, 0);
        if (signatureLength != NodeKey.SignatureSize)
        {
            return $"signature is {signatureLength} bytes long, expected {NodeKey.SignatureSize}.";
        }

        long hashLength = rows.GetBytes(5, 0, null, 0, 0);
        return hashLength != EventHash.Size ? $"hash is {hashLength} bytes long, expected {EventHash.Size}." : null;
    }
}
