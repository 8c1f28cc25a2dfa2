using Microsoft.Data.Sqlite;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

/// <summary>Builds deterministic events and journals for the ledger tests.</summary>
internal static class LedgerTestData
{
    public const long CommitTime = 1_767_225_600_000_000;

    public static readonly byte[] ZeroHash = new byte[32];

    /// <summary>Creates events whose content and length (1 to 200 bytes) depend on the sequence number.</summary>
    public static List<ReadOnlyMemory<byte>> MakeEvents(long firstSequence, int count, int? fixedLength = null)
    {
        var events = new List<ReadOnlyMemory<byte>>(count);
        for (int i = 0; i < count; i++)
        {
            long sequence = firstSequence + i;
            int length = fixedLength ?? 1 + (int)(sequence * 37 % 200);
            var bytes = new byte[length];
            for (int j = 0; j < length; j++)
            {
                bytes[j] = (byte)(sequence * 31 + j * 7);
            }

            events.Add(bytes);
        }

        return events;
    }

    /// <summary>Seals and appends one block per entry of <paramref name="sizes"/>, following the store's head.</summary>
    public static List<SealedBlock> AppendBlocks(IJournalStore store, NodeKey key, IEnumerable<int> sizes)
    {
        var blocks = new List<SealedBlock>();
        foreach (int size in sizes)
        {
            JournalHead? head = store.ReadHead();
            long height = (head?.Height ?? 0) + 1;
            long firstSequence = (head?.LastSequence ?? 0) + 1;
            SealedBlock block = BlockSealer.Seal(
                height, firstSequence, head?.Hash ?? ZeroHash, CommitTime + height, MakeEvents(firstSequence, size), key);
            store.Append(block);
            blocks.Add(block);
        }

        return blocks;
    }

    /// <summary>Block sizes 1 to 60 in a fixed, irregular order, so blocks differ in tree shape.</summary>
    public static IEnumerable<int> VaryingSizes(int blockCount)
    {
        for (int i = 0; i < blockCount; i++)
        {
            yield return 1 + (i * 23 % 60);
        }
    }

    /// <summary>
    /// Runs SQL on the journal file through its own connection, as a tamperer with file access would.
    /// </summary>
    public static void ExecuteRaw(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Reads one BLOB column of one block row through a raw connection.</summary>
    public static byte[] ReadRawBlob(string databasePath, long height, string column)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM blocks WHERE height = $height";
        command.Parameters.AddWithValue("$height", height);
        return (byte[])command.ExecuteScalar()!;
    }

    /// <summary>Drops the append-only triggers and replaces one BLOB column of one block row.</summary>
    public static void TamperBlob(string databasePath, long height, string column, Func<byte[], byte[]> change)
    {
        byte[] original = ReadRawBlob(databasePath, height, column);
        ExecuteRaw(databasePath, "DROP TRIGGER blocks_reject_update; DROP TRIGGER blocks_reject_delete;");
        ExecuteRaw(databasePath, $"UPDATE blocks SET {column} = $value WHERE height = $height", ("$value", change(original)), ("$height", height));
    }

    public static byte[] FlipBit(byte[] bytes, int index, int bit = 0)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }
}
