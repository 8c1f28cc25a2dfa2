using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Registra.Commands;
using Registra.Events;
using Registra.Ledger.Requests;

namespace Registra.Ledger.Engine;

/// <summary>
/// The single-writer sequencer in front of the register and the journal. Commands are applied
/// in arrival order in batches; each batch's events become one signed block, and callers are
/// given their results only after that block is durable (group commit). While one block is written, the
/// next batch is applied, so hashing and the disk write overlap with the state machine.
/// </summary>
public sealed partial class LedgerEngine : IDisposable
{
    public const string JournalFileName = JournalLocation.SqliteFileName;
    private const string PublicKeyMetadata = "node_public_key";

    private readonly Register.Register _register;
    private readonly IJournalStore _store;

    // Null when the store keeps no request records; then Idempotency-Keys live only in the API's memory.
    private readonly IRequestLog? _requestLog;

    // Responses sent to keyed requests, written with the next block or when the writer is idle.
    private readonly ConcurrentQueue<RequestResponse> _responses = new();
    private readonly NodeKey _key;
    private readonly TimeProvider _clock;
    private readonly EngineOptions _options;
    private readonly Channel<WorkItem> _queue;

    // Set by submitters when the sequencer sleeps with an empty queue; see WaitForWork.
    private readonly ManualResetEventSlim _workQueued = new(false);
    private int _sequencerWaiting;
    private readonly BlockingCollection<PreparedBlock> _toWrite;

    // Written blocks come back here for the next batch, so their buffers are not grown again each time.
    private readonly ConcurrentQueue<PreparedBlock> _freeBlocks = new();
    private readonly Thread _applier;
    private readonly Thread _writer;
    private volatile Exception? _fault;

    /// <summary>Set once the journal writer has left its loop; no block becomes durable after that.</summary>
    private bool _writerStopped;
    private int _disposed;
    private long _nextHeight;
    private byte[] _previousHash;

    private LedgerEngine(string dataDirectory, IJournalStore store, NodeKey key, Register.Register register, JournalHead? head,
        TimeProvider clock, EngineOptions options)
    {
        DataDirectory = dataDirectory;
        _store = store;
        _requestLog = store as IRequestLog;
        _key = key;
        _register = register;
        _clock = clock;
        _options = options;
        _nextHeight = (head?.Height ?? 0) + 1;
        _previousHash = head?.Hash ?? new byte[32];
        DurableHeight = head?.Height ?? 0;
        _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _toWrite = new BlockingCollection<PreparedBlock>(options.BlocksInFlight);
        _applier = new Thread(ApplyLoop) { Name = "registra-sequencer", IsBackground = true };
        _writer = new Thread(WriteLoop) { Name = "registra-journal-writer", IsBackground = true };
        _role = (int)options.Role;
        _applier.Start();
        _writer.Start();
        if (options.Role == NodeRole.Follower)
        {
            StartFollowing();
        }
    }

    public string DataDirectory { get; }

    public byte[] PublicKey => _key.PublicKey;

    public string KeyId => _key.KeyId;

    /// <summary>Height of the last block known to be durable.</summary>
    public long DurableHeight { get; private set; }

    /// <summary>True after a failed journal write or state machine error; the engine then rejects every command.</summary>
    public bool IsFaulted => _fault is not null;

    /// <summary>Events replayed from the journal when the engine opened, and how long that took.</summary>
    public (long Events, TimeSpan Elapsed) Replay { get; private set; }

    /// <summary>The journal store, for reads such as proofs and exports; appends belong to the engine.</summary>
    public IJournalStore Store => _store;

    /// <summary>
    /// Opens the data folder: loads or creates the node key, opens the journal and rebuilds the
    /// register from the latest snapshot and the blocks after it, or by replaying every block when
    /// there is no usable snapshot. <see cref="Replay"/> reports the events replayed.
    /// </summary>
    /// <param name="journal">Where the journal is stored; null for journal.db in <paramref name="dataDirectory"/>.</param>
    /// <exception cref="InvalidOperationException">The journal was signed by another key than the folder's node key.</exception>
    public static LedgerEngine Open(string dataDirectory, TimeProvider? clock = null, EngineOptions? options = null,
        IProgress<long>? replayProgress = null, JournalLocation? journal = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var key = NodeKey.LoadOrCreate(dataDirectory);
        IJournalStore store;
        try
        {
            store = (journal ?? JournalLocation.InDataFolder(dataDirectory)).Open();
        }
        catch
        {
            key.Dispose();
            throw;
        }

        try
        {
            CheckKeyMatches(store, key, dataDirectory);
            var started = Stopwatch.GetTimestamp();
            var (register, replayed, snapshotHeight, snapshotSequence, rejection) = Rebuild(store, replayProgress);
            var engine = new LedgerEngine(dataDirectory, store, key, register, store.ReadHead(), clock ?? TimeProvider.System,
                options ?? new EngineOptions());
            engine.Replay = (replayed, Stopwatch.GetElapsedTime(started));
            engine.SnapshotHeightLoaded = snapshotHeight;
            engine.SnapshotRejection = rejection;
            engine._snapshotSequence = snapshotSequence;
            return engine;
        }
        catch
        {
            store.Dispose();
            key.Dispose();
            throw;
        }
    }

    private static void CheckKeyMatches(IJournalStore store, NodeKey key, string dataDirectory)
    {
        var recorded = store.GetMetadata(PublicKeyMetadata);
        var current = Convert.ToHexStringLower(key.PublicKey);
        if (recorded is null)
        {
            store.SetMetadata(PublicKeyMetadata, current);
            return;
        }

        if (recorded != current)
        {
            throw new InvalidOperationException(
                $"The journal in {dataDirectory} was signed by public key {recorded}, but the node key there is {current}. " +
                $"Restore the original {NodeKey.PrivateKeyFileName} into the data folder.");
        }
    }

    /// <summary>Applies the stored events from the block at <paramref name="fromHeight"/> on in order; returns how many were applied.</summary>
    public static long ReplayInto(Register.Register register, IJournalStore store, IProgress<long>? progress, long fromHeight = 1)
    {
        long events = 0;
        foreach (var block in store.ReadBlocks(fromHeight))
        {
            foreach (var bytes in EventBlob.Decode(block.Events, block.Header.EventCount))
            {
                register.Apply(EventCodec.Decode(bytes.Span));
                events++;
            }

            progress?.Report(events);
        }

        return events;
    }

    /// <summary>Submits one command; completes when it is rejected or its block is durable.</summary>
    /// <exception cref="EngineFaultedException">A block could not be written; restart the engine.</exception>
    public Task<CommandOutcome> SubmitAsync(RegisterCommand command, CancellationToken cancellationToken = default) =>
        SubmitAsync(command, tag: null, cancellationToken);

    /// <summary>
    /// Submits one command sent by a keyed API request. When the command is accepted, the request's
    /// record is written in the same transaction as its block.
    /// </summary>
    /// <exception cref="EngineFaultedException">A block could not be written; restart the engine.</exception>
    public Task<CommandOutcome> SubmitAsync(RegisterCommand command, RequestTag? tag, CancellationToken cancellationToken = default)
    {
        var item = new WorkItem(command, null, new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously))
        {
            Tag = tag,
        };
        return EnqueueAsync(item, item.Completion!, cancellationToken);
    }

    /// <summary>True when request records survive a restart, because the store keeps them beside the journal.</summary>
    public bool KeepsRequests => _requestLog is not null;

    /// <summary>Reads the stored record of a request key hash, or null when there is none or the store keeps none.</summary>
    public StoredRequest? FindRequest(byte[] keyHash) => _requestLog?.Find(keyHash);

    /// <summary>
    /// Queues the response of a keyed request for the journal writer, which stores it with the next
    /// block or, when no block comes, within <see cref="IdleFlushInterval"/>.
    /// </summary>
    public void RecordResponse(RequestResponse response)
    {
        // A follower's responses are redirects and rejections, so only the writer stores responses.
        if (_requestLog is not null && Role == NodeRole.Writer && Volatile.Read(ref _disposed) == 0)
        {
            _responses.Enqueue(response);
        }
    }

    /// <summary>
    /// Submits several commands in order, each judged on its own (unlike a batch transfer, one
    /// rejection does not undo the others); completes when all are settled.
    /// </summary>
    public Task<CommandOutcome[]> SubmitManyAsync(IReadOnlyList<RegisterCommand> commands, CancellationToken cancellationToken = default) =>
        SubmitManyAsync(commands, tag: null, cancellationToken);

    /// <summary>Submits several commands of one keyed API request, as <see cref="SubmitManyAsync(IReadOnlyList{RegisterCommand}, CancellationToken)"/> does.</summary>
    public Task<CommandOutcome[]> SubmitManyAsync(IReadOnlyList<RegisterCommand> commands, RequestTag? tag, CancellationToken cancellationToken = default)
    {
        var item = new WorkItem(null, commands, null)
        {
            Tag = tag,
            ManyCompletion = new TaskCompletionSource<CommandOutcome[]>(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        return EnqueueAsync(item, item.ManyCompletion, cancellationToken);
    }

    /// <summary>
    /// Runs a read on the sequencer thread between commands, so it reads a consistent register.
    /// It may read the effects of commands whose block is not yet durable.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<Register.Register, T> query, CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new WorkItem(null, null, null)
        {
            Read = register =>
            {
                try
                {
                    completion.SetResult(query(register));
                }
                catch (Exception exception)
                {
                    completion.SetException(exception);
                }
            },
        };
        return EnqueueAsync(item, completion, cancellationToken);
    }

    private async Task<T> EnqueueAsync<T>(WorkItem item, TaskCompletionSource<T> completion, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        if (!_queue.Writer.TryWrite(item))
        {
            await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }

        WakeSequencer();
        return await completion.Task.ConfigureAwait(false);
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new EngineFaultedException("The engine stopped after a failed journal write; restart it to rebuild from the journal.", fault);
        }
    }

    /// <summary>Stops taking commands, settles everything queued, writes the last block and closes the journal.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        StopFollowing();
        _queue.Writer.TryComplete();
        _workQueued.Set();
        _applier.Join();
        _writer.Join();

        // The snapshot task saves only blocks the writer made durable, so it ends soon after the writer.
        _snapshotTask?.Wait();
        _workQueued.Dispose();
        _store.Dispose();
        _key.Dispose();
    }
}
