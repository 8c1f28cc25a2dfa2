using Npgsql;
using NpgsqlTypes;
using Registra.Ledger.Requests;

namespace Registra.Ledger;

public sealed partial class PostgresJournalStore
{
    private const string UpsertSnapshotSql =
        "INSERT INTO snapshots (height, state) VALUES (@height, @state) ON CONFLICT (height) DO UPDATE SET state = excluded.state";

    private const string PruneSnapshotsSql =
        "DELETE FROM snapshots WHERE height NOT IN (SELECT height FROM snapshots ORDER BY height DESC LIMIT 2)";

    /// <inheritdoc/>
    /// <remarks>
    /// Runs in one transaction: reads the head, checks that the block follows it, inserts one row
    /// and commits. When another process appends the same height first, the primary key on the
    /// height rejects this insert (after the other transaction commits), so at most one block is
    /// ever stored per height.
    /// </remarks>
    public void Append(SealedBlock block) => Append(block, requests: null);

    private void Append(SealedBlock block, RequestLogBatch? requests)
    {
        ArgumentNullException.ThrowIfNull(block);
        NpgsqlConnection connection = RequireWriteConnection();
        try
        {
            AppendInTransaction(connection, block, requests);
        }
        catch (NpgsqlException ex) when (!IsUniqueViolation(ex))
        {
            throw new IOException($"Failed to append block {block.Header.Height} to the journal in {Target}: {ex.Message}", ex);
        }
    }

    private void AppendInTransaction(NpgsqlConnection connection, SealedBlock block, RequestLogBatch? requests)
    {
        PostgresWriteCommands commands = writeCommands!;

        using NpgsqlTransaction transaction = connection.BeginTransaction();
        RejectIfLeaseLost(commands.LeaseEpoch, transaction, block.Header.Height);
        JournalHead? head = ReadHead(commands.Head, transaction);
        JournalRules.RejectIfNotNext(block, head);

        NpgsqlCommand insert = commands.InsertBlock;
        insert.Transaction = transaction;
        BindBlock(insert.Parameters, block);
        try
        {
            insert.ExecuteNonQuery();
        }
        catch (PostgresException ex) when (IsUniqueViolation(ex))
        {
            // The one place where losing a race for a height becomes a conflict: a stale writer
            // that lost its lease ends here when the new writer has already stored this height.
            throw new JournalConflictException($"Block {block.Header.Height} conflicts with a stored block: {ex.MessageText}", ex)
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

    private void RejectIfLeaseLost(NpgsqlCommand leaseEpoch, NpgsqlTransaction transaction, long height)
    {
        if (fencingEpoch is not { } expected)
        {
            return;
        }

        leaseEpoch.Transaction = transaction;
        object? current = leaseEpoch.ExecuteScalar();
        if (current is not long epoch || epoch != expected)
        {
            throw new JournalConflictException(
                $"Block {height} was not appended: this writer's lease has epoch {expected}, but the lease is now at epoch " +
                $"{current ?? "(none)"}, so another node has taken over. Stop writing and follow the journal instead.")
            {
                BlockHeight = height,
            };
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Takes its own pooled connection, so it may run on another thread while the writer appends:
    /// a snapshot of a large register takes long to send, and blocks do not wait for it.
    /// </remarks>
    public void SaveSnapshot(long height, ReadOnlyMemory<byte> state)
    {
        RequireWriteConnection();

        using NpgsqlConnection connection = dataSource.OpenConnection();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using NpgsqlCommand head = new(PostgresWriteCommands.HeadSql, connection, transaction);
        long headHeight = ReadHead(head, transaction)?.Height ?? 0;
        if (height < 1 || height > headHeight)
        {
            throw new ArgumentOutOfRangeException(
                nameof(height), height, $"A snapshot height must be between 1 and the head height {headHeight}.");
        }

        using NpgsqlCommand upsert = new(UpsertSnapshotSql, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter<long>("height", NpgsqlDbType.Bigint) { TypedValue = height });
        upsert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("state", NpgsqlDbType.Bytea) { TypedValue = state });
        upsert.ExecuteNonQuery();

        using NpgsqlCommand prune = new(PruneSnapshotsSql, connection, transaction);
        prune.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <inheritdoc/>
    public void SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        RequireWriteConnection();

        NpgsqlCommand upsert = writeCommands!.UpsertMetadata;
        upsert.Transaction = null;
        upsert.Parameters["key"].Value = key;
        upsert.Parameters["value"].Value = value;
        upsert.ExecuteNonQuery();
    }

    private static bool IsUniqueViolation(NpgsqlException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static void BindBlock(NpgsqlParameterCollection parameters, SealedBlock block)
    {
        BlockHeader header = block.Header;
        parameters["height"].Value = header.Height;
        parameters["first_sequence"].Value = header.FirstSequence;
        parameters["event_count"].Value = (long)header.EventCount;
        parameters["header"].Value = header.ToCanonicalBytes();
        parameters["signature"].Value = block.Signature;
        parameters["hash"].Value = block.Hash;
        parameters["events"].Value = block.Events;
    }
}
