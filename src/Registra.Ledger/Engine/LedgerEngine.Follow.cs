using System.Diagnostics;
using Registra.Events;

namespace Registra.Ledger.Engine;

public sealed partial class LedgerEngine
{
    // Most blocks a follower applies in one step, so reads queued behind it wait a bounded time.
    private const int MaxBlocksPerFollowStep = 64;

    private readonly SemaphoreSlim _followSignal = new(0, int.MaxValue);
    private readonly CancellationTokenSource _followStop = new();
    private readonly Lock _followLock = new();
    private Thread? _follower;
    private volatile int _role;
    private long _appliedAtTicks;

    /// <summary>Whether this engine writes blocks or follows the blocks another node writes.</summary>
    public NodeRole Role => (NodeRole)_role;

    /// <summary>Height of the last block in the store when a follower last looked, for the lag report.</summary>
    public long StoreHeight { get; private set; }

    /// <summary>
    /// Blocks the follower has not applied yet and how old the last applied state is; both zero on the writer.
    /// The age grows between polls, so it is bounded by <see cref="EngineOptions.FollowInterval"/> plus the apply time.
    /// </summary>
    public (long Blocks, TimeSpan Age) FollowerLag
    {
        get
        {
            if (Role == NodeRole.Writer)
            {
                return (0, TimeSpan.Zero);
            }

            var appliedAt = Interlocked.Read(ref _appliedAtTicks);
            var age = appliedAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(appliedAt);
            return (Math.Max(0, StoreHeight - DurableHeight), age);
        }
    }

    /// <summary>Wakes the follower at once, for example when the store notifies that a block was appended.</summary>
    public void NotifyAppended()
    {
        if (Role == NodeRole.Follower)
        {
            _followSignal.Release();
        }
    }

    /// <summary>
    /// Makes this follower the writer: applies every block up to the store's head, then takes
    /// commands and appends the next block after that head. The caller must hold the writer lease.
    /// </summary>
    /// <exception cref="InvalidOperationException">A block in the store does not follow the applied chain.</exception>
    public async Task PromoteAsync(CancellationToken cancellationToken = default)
    {
        if (Role == NodeRole.Writer)
        {
            return;
        }

        StopFollowing();
        while (await FollowStepAsync(cancellationToken) > 0)
        {
        }

        // The role changes on the sequencer thread, between two queue entries, so no command runs on a half-promoted engine.
        await ReadAsync(_ =>
        {
            _role = (int)NodeRole.Writer;
            return true;
        }, cancellationToken);
    }

    private void StartFollowing()
    {
        _follower = new Thread(FollowLoop) { Name = "registra-follower", IsBackground = true };
        _follower.Start();
    }

    private void StopFollowing()
    {
        lock (_followLock)
        {
            if (_follower is null)
            {
                return;
            }

            _followStop.Cancel();
            _followSignal.Release();
            _follower.Join();
            _follower = null;
        }
    }

    /// <summary>The follower thread: applies new blocks whenever signalled or every follow interval.</summary>
    private void FollowLoop()
    {
        var stop = _followStop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (!stop.IsCancellationRequested && FollowStepAsync(stop).GetAwaiter().GetResult() > 0)
                {
                }

                _followSignal.Wait(_options.FollowInterval, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A block that does not follow the chain, or a store error: reads keep the last good state.
                FollowError = exception;
                _followSignal.Wait(_options.FollowInterval, CancellationToken.None);
            }
        }
    }

    /// <summary>The latest error the follower met while reading or applying blocks, or null.</summary>
    public Exception? FollowError { get; private set; }

    /// <summary>Reads the blocks after the applied height, checks their chain, header hash, signature and Merkle root, and applies them on the sequencer thread.</summary>
    private async Task<int> FollowStepAsync(CancellationToken cancellationToken)
    {
        StoreHeight = _store.ReadHead()?.Height ?? 0;
        var from = _nextHeight;
        if (StoreHeight < from)
        {
            Interlocked.Exchange(ref _appliedAtTicks, Stopwatch.GetTimestamp());
            return 0;
        }

        // Events are decoded and their Merkle root checked here, on the follow thread, so the
        // sequencer thread only applies them.
        var blocks = new List<(SealedBlock Block, List<ReadOnlyMemory<byte>> Events)>();
        var previous = new ChainPosition(from - 1, _register.State.LastSequence, _previousHash);
        foreach (var block in _store.ReadBlocks(from))
        {
            var problem = BlockChecks.CheckChain(block.Header, previous)
                ?? BlockChecks.CheckHeaderHash(block)
                ?? BlockChecks.CheckSignature(block, _key.PublicKey);
            var events = problem is null ? EventBlob.Decode(block.Events, block.Header.EventCount) : [];
            problem ??= BlockChecks.CheckMerkleRoot(block.Header, events);
            if (problem is not null)
            {
                throw new InvalidOperationException($"The follower cannot apply the journal: {problem}");
            }

            blocks.Add((block, events));
            previous = new ChainPosition(block.Header.Height, block.Header.LastSequence, block.Hash);
            if (blocks.Count == MaxBlocksPerFollowStep)
            {
                break;
            }
        }

        if (blocks.Count == 0)
        {
            return 0;
        }

        await ReadAsync(register =>
        {
            foreach (var (block, events) in blocks)
            {
                foreach (var bytes in events)
                {
                    register.Apply(EventCodec.Decode(bytes.Span));
                }

                _nextHeight = block.Header.Height + 1;
                _previousHash = block.Hash;
                DurableHeight = block.Header.Height;
            }

            return blocks.Count;
        }, cancellationToken);

        Interlocked.Exchange(ref _appliedAtTicks, Stopwatch.GetTimestamp());
        EngineMetrics.RecordFollowed(DurableHeight, Math.Max(0, StoreHeight - DurableHeight));
        return blocks.Count;
    }
}
