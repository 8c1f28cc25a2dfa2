using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Registra.Ledger.Requests;

namespace Registra.Ledger;

public sealed partial class SqliteJournalStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// Runs in one <c>BEGIN IMMEDIATE</c> transaction: reads the head, checks that the block follows
    /// it, inserts one row and commits. The primary key and the unique first sequence back the
    /// check if another process writes to the same file.
    /// </remarks>
    public void Append(SealedBlock block) => Append(block, requests: null);

    private void Append(SealedBlock block, RequestLogBatch? requests)
    {
        ArgumentNullException.ThrowIfNull(block);
        SqliteConnection connection = RequireWriteConnection();
        try
        {
            AppendInTransaction(connection, block, requests);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode != SqliteConstraintError)
        {
            throw new IOException($"Failed to append block {block.Header.Height} to journal '{path}': {ex.Message}", ex);
        }
    }

    private void AppendInTransaction(SqliteConnection connection, SealedBlock block, RequestLogBatch? requests)
    {
        SqliteWriteCommands commands = writeCommands!;

        using SqliteTransaction transaction = connection.BeginTransaction();
        JournalHead? head = ReadHead(commands.Head, transaction);
        JournalRules.RejectIfNotNext(block, head);

        SqliteCommand insert = commands.InsertBlock;
        insert.Transaction = transaction;
        BindBlock(insert.Parameters, block);
        try
        {
            insert.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraintError)
        {
            throw new JournalConflictException($"Block {block.Header.Height} conflicts with a stored block: {ex.Message}", ex)
            {
                BlockHeight = block.Header.Height,
                HeadHeight = head?.Height ?? 0,
            };
        }

        if (requests is not null)
        {
            WriteRequests(requests, transaction);
        }

        transaction.Commit();
    }

    /// <inheritdoc/>
    public void SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        RequireWriteConnection();

        SqliteCommand upsert = writeCommands!.UpsertMetadata;
        upsert.Transaction = null;
        upsert.Parameters["$key"].Value = key;
        upsert.Parameters["$value"].Value = value;
        upsert.ExecuteNonQuery();
    }

    private static void BindBlock(SqliteParameterCollection parameters, SealedBlock block)
    {
        BlockHeader header = block.Header;
        parameters["$height"].Value = header.Height;
        parameters["$first_sequence"].Value = header.FirstSequence;
        parameters["$event_count"].Value = header.EventCount;
        parameters["$header"].Value = header.ToCanonicalBytes();
        parameters["$signature"].Value = block.Signature;
        parameters["$hash"].Value = block.Hash;
        parameters["$events"].Value = AsArray(block.Events);
    }

    // SQLite parameters take arrays, and this avoids a copy when the memory already spans a whole array.
    private static byte[] AsArray(ReadOnlyMemory<byte> memory)
    {
        if (MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment)
            && segment.Offset == 0
            && segment.Count == segment.Array!.Length)
        {
            return segment.Array;
        }

        return memory.ToArray();
    }
}
