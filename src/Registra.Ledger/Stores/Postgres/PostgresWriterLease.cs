using Npgsql;

namespace Registra.Ledger;

/// <summary>
/// The right to append to a PostgreSQL journal, held by one node at a time: a session-level
/// advisory lock on a dedicated connection, plus a fencing epoch in <c>writer_lease</c> that grows
/// by one at every acquisition. A store fenced with the epoch (<see cref="PostgresJournalStore.FenceWith"/>)
/// rejects every append once another node has taken the lease, even when that node has not yet
/// written a block, so a writer that lost its connection can never extend the journal.
/// </summary>
/// <remarks>
/// PostgreSQL releases the advisory lock when the holder's session ends: at once when its process
/// dies and the socket closes, or once TCP keepalives find a silent peer.
/// </remarks>
public sealed class PostgresWriterLease : IDisposable
{
    // First key of the two-key advisory lock. The second key is the hash of the journal's schema
    // name, so that journals in different schemas of one database have independent leases.
    private const int LeaseLockClass = 0x52454732;

    private readonly NpgsqlConnection connection;
    private readonly Lock connectionLock = new();

    private PostgresWriterLease(NpgsqlConnection connection, long epoch, string holder)
    {
        this.connection = connection;
        Epoch = epoch;
        Holder = holder;
    }

    /// <summary>Fencing epoch of this lease: appends from any store fenced with an older epoch are rejected.</summary>
    public long Epoch { get; }

    /// <summary>Name of the node that holds the lease, as recorded in <c>writer_lease</c>.</summary>
    public string Holder { get; }

    /// <summary>Backend process id of the lease's session, which tests terminate to simulate a lost connection.</summary>
    internal int SessionProcessId => connection.ProcessID;

    /// <summary>
    /// Takes the lease when no other session holds it, and records a new epoch. Returns null when
    /// another node holds it.
    /// </summary>
    /// <param name="connectionString">The journal's connection string; its schema must already contain the journal tables.</param>
    /// <param name="holder">Name of this node, for operators reading <c>writer_lease</c>.</param>
    /// <exception cref="IOException">PostgreSQL could not be reached.</exception>
    public static PostgresWriterLease? TryAcquire(string connectionString, string holder)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);

        // Not pooled: the lock belongs to this physical session, which must close when the lease is disposed.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, hashtext(current_schema()))", connection);
            tryLock.Parameters.AddWithValue("class", LeaseLockClass);
            if (tryLock.ExecuteScalar() is not true)
            {
                connection.Dispose();
                return null;
            }

            long epoch = RecordNewEpoch(connection, holder);
            return new PostgresWriterLease(connection, epoch, holder);
        }
        catch (NpgsqlException ex)
        {
            connection.Dispose();
            throw new IOException($"Failed to take the writer lease in {PostgresJournalStore.Describe(connectionString)}: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the lease is free and takes it, checking every <paramref name="pollInterval"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public static async Task<PostgresWriterLease> AcquireAsync(string connectionString, string holder, TimeSpan pollInterval,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryAcquire(connectionString, holder) is { } lease)
            {
                return lease;
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the epoch and holder recorded by the last acquisition, or null before the first.</summary>
    public static (long Epoch, string Holder)? ReadCurrent(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT epoch, holder FROM writer_lease WHERE id = 1", connection);
        using NpgsqlDataReader rows = command.ExecuteReader();
        return rows.Read() ? (rows.GetInt64(0), rows.GetString(1)) : null;
    }

    /// <summary>Checks that the lease's session is still open, which is what keeps the advisory lock held. Safe to call from any thread.</summary>
    public bool IsHeld()
    {
        lock (connectionLock)
        {
            try
            {
                using var ping = new NpgsqlCommand("SELECT 1", connection);
                ping.ExecuteScalar();
                return true;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Releases the lease: unlocks the advisory lock, so that a waiting node can take it as soon as
    /// this returns, then closes the session. Closing alone would free the lock too, but only once
    /// the server has ended the session, which happens after this method returns.
    /// </summary>
    public void Dispose()
    {
        lock (connectionLock)
        {
            try
            {
                using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@class, hashtext(current_schema()))", connection);
                unlock.Parameters.AddWithValue("class", LeaseLockClass);
                unlock.ExecuteScalar();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The session is already gone, and the server frees its locks with it.
            }

            connection.Dispose();
        }
    }

    // The row lock of the UPDATE waits for appends that still hold the old epoch with FOR SHARE,
    // so once this commits, no append fenced with an older epoch can commit any more.
    private static long RecordNewEpoch(NpgsqlConnection connection, string holder)
    {
        using var upsert = new NpgsqlCommand("""
            INSERT INTO writer_lease (id, epoch, holder, acquired_at) VALUES (1, 1, @holder, now())
            ON CONFLICT (id) DO UPDATE SET epoch = writer_lease.epoch + 1, holder = excluded.holder, acquired_at = excluded.acquired_at
            RETURNING epoch
            """, connection);
        upsert.Parameters.AddWithValue("holder", holder);
        return (long)upsert.ExecuteScalar()!;
    }
}
