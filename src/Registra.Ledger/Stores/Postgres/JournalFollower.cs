using Npgsql;
using Registra.Events;

namespace Registra.Ledger;

/// <summary>
/// Keeps a register up to date with a PostgreSQL journal that another node writes: it applies
/// every new block after checking its chain link, header hash, signature and Merkle root. It wakes
/// on the <c>registra_blocks</c> notification each append sends, and polls as well in case a
/// notification is lost, for example while its listening connection reconnects.
/// </summary>
/// <remarks>
/// Thread safety: <see cref="CatchUp"/> and <see cref="RunAsync"/> must not run concurrently.
/// Read the register only through <see cref="Read{T}"/>, which excludes a block being applied.
/// </remarks>
public sealed class JournalFollower : IDisposable
{
    private const string Channel = "registra_blocks";

    private readonly PostgresJournalStore store;
    private readonly string connectionString;
    private readonly byte[] publicKey;
    private readonly Register.Register register;
    private readonly Lock registerLock = new();
    private ChainPosition position;
    private long appliedHeight;

    private JournalFollower(PostgresJournalStore store, string connectionString, byte[] publicKey)
    {
        this.store = store;
        this.connectionString = connectionString;
        this.publicKey = publicKey;
        register = new Register.Register();
        position = new ChainPosition(0, 0, new byte[EventHash.Size]);
    }

    /// <summary>Height of the last block applied to the register.</summary>
    public long AppliedHeight => Interlocked.Read(ref appliedHeight);

    /// <summary>Height of the journal's head when the follower last looked.</summary>
    public long SeenHeadHeight { get; private set; }

    /// <summary>Blocks the register is behind the head as last seen; 0 when caught up.</summary>
    public long LagBlocks => Math.Max(0, SeenHeadHeight - AppliedHeight);

    /// <summary>Opens the journal read-only; call <see cref="CatchUp"/> or <see cref="RunAsync"/> to apply blocks.</summary>
    /// <param name="publicKey">The writer's Ed25519 public key, which must have signed every block.</param>
    /// <exception cref="InvalidDataException">The database holds no journal of the supported version.</exception>
    /// <exception cref="IOException">PostgreSQL could not be reached.</exception>
    public static JournalFollower Open(string connectionString, byte[] publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return new JournalFollower(PostgresJournalStore.OpenReadOnly(connectionString), connectionString, publicKey);
    }

    /// <summary>Runs <paramref name="query"/> on the register between blocks.</summary>
    public T Read<T>(Func<Register.Register, T> query)
    {
        lock (registerLock)
        {
            return query(register);
        }
    }

    /// <summary>Applies every block after <see cref="AppliedHeight"/>; returns how many were applied.</summary>
    /// <exception cref="InvalidDataException">A block fails a check or cannot be replayed; the follower stops before it.</exception>
    public int CatchUp()
    {
        int applied = 0;
        foreach (SealedBlock block in store.ReadBlocks(AppliedHeight + 1))
        {
            Apply(block);
            applied++;
        }

        SeenHeadHeight = Math.Max(AppliedHeight, store.ReadHead()?.Height ?? 0);
        return applied;
    }

    /// <summary>
    /// Follows the journal until cancelled: catches up, then waits for a notification or
    /// <paramref name="pollInterval"/>, whichever comes first, and catches up again.
    /// </summary>
    /// <exception cref="InvalidDataException">A block fails a check; following stops.</exception>
    public async Task RunAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        await using var listener = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await listener.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            CatchUp();
            try
            {
                // Returns on any notification (also those of journals in other schemas) or at the poll interval.
                await listener.WaitAsync(pollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose() => store.Dispose();

    private void Apply(SealedBlock block)
    {
        List<ReadOnlyMemory<byte>> events = EventBlob.Decode(block.Events, block.Header.EventCount);
        string? problem = BlockChecks.CheckChain(block.Header, position)
            ?? BlockChecks.CheckHeaderHash(block)
            ?? BlockChecks.CheckSignature(block, publicKey)
            ?? BlockChecks.CheckMerkleRoot(block.Header, events);
        if (problem is not null)
        {
            throw new InvalidDataException($"The follower stopped before a block it cannot trust: {problem}");
        }

        lock (registerLock)
        {
            foreach (ReadOnlyMemory<byte> bytes in events)
            {
                register.Apply(EventCodec.Decode(bytes.Span));
            }
        }

        position = new ChainPosition(block.Header.Height, block.Header.LastSequence, block.Hash);
        Interlocked.Exchange(ref appliedHeight, block.Header.Height);
    }
}
