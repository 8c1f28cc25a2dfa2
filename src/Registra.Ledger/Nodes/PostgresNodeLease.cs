namespace Registra.Ledger.Nodes;

/// <summary>
/// The writer lease of nodes that share a PostgreSQL journal (see <see cref="PostgresWriterLease"/>).
/// Once the lease is taken, the engine's store is fenced with its epoch, so that this node's appends
/// are rejected as soon as another node takes the lease after it.
/// </summary>
public sealed class PostgresNodeLease(string connectionString, string holder) : IWriterLease
{
    private readonly Lock _sync = new();
    private PostgresWriterLease? _lease;
    private PostgresJournalStore? _store;

    public bool IsHeld
    {
        get
        {
            lock (_sync)
            {
                return _lease is not null && _lease.IsHeld();
            }
        }
    }

    /// <summary>Epoch of the held lease, or null when this node does not hold it.</summary>
    public long? Epoch
    {
        get
        {
            lock (_sync)
            {
                return _lease?.Epoch;
            }
        }
    }

    /// <exception cref="IOException">PostgreSQL could not be reached.</exception>
    public bool TryAcquire()
    {
        lock (_sync)
        {
            if (_lease is null)
            {
                _lease = PostgresWriterLease.TryAcquire(connectionString, holder);
                if (_lease is not null)
                {
                    _store?.FenceWith(_lease.Epoch);
                }
            }

            return _lease is not null;
        }
    }

    /// <summary>Fences <paramref name="store"/> with the lease's epoch now if the lease is held, or when it is taken.</summary>
    public void Fence(PostgresJournalStore store)
    {
        lock (_sync)
        {
            _store = store;
            if (_lease is not null)
            {
                store.FenceWith(_lease.Epoch);
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _lease?.Dispose();
            _lease = null;
        }
    }
}
