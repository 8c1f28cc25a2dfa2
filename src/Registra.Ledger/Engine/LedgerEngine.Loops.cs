using System.Diagnostics;
using Registra.Commands;
using Registra.Events;
using Registra.Reasons;
using System.Threading.Channels;
using Registra.Ledger.Requests;

namespace Registra.Ledger.Engine;

public sealed partial class LedgerEngine
{
    /// <summary>The sequencer thread: takes commands in arrival order and applies them a batch at a time.</summary>
    private void ApplyLoop()
    {
        var reader = _queue.Reader;
        WarmUpSnapshots();
        try
        {
            while (WaitForWork(reader))
            {
                var block = _freeBlocks.TryDequeue(out var free) ? free : new PreparedBlock();
                var now = NextTimestamp();
                block.Timestamp = now;
                block.FirstSequence = _register.State.LastSequence + 1;
                var commands = 0;
                while (commands < _options.MaxCommandsPerBlock && reader.TryRead(out var item))
                {
                    commands += Take(item, now, block);
                }

                if (block.EventCount > 0)
                {
                    block.Height = _nextHeight++;
                    TakeSnapshotIfDue(block);
                }

                _toWrite.Add(block);
            }
        }
        finally
        {
            _toWrite.CompleteAdding();
        }
    }

    /// <summary>
    /// Blocks the sequencer until a work item is queued; false once the queue is completed and empty.
    /// Submitters wake this thread directly (<see cref="WakeSequencer"/>), so a wake-up never waits
    /// behind request work in the thread pool's queue.
    /// </summary>
    private bool WaitForWork(ChannelReader<WorkItem> reader)
    {
        while (!reader.TryPeek(out _))
        {
            if (reader.Completion.IsCompleted)
            {
                return false;
            }

            _workQueued.Reset();

            // The exchange is a full fence: a submitter either reads the flag as set or its item is found below.
            Interlocked.Exchange(ref _sequencerWaiting, 1);
            if (!reader.TryPeek(out _) && !reader.Completion.IsCompleted)
            {
                _workQueued.Wait();
            }

            Volatile.Write(ref _sequencerWaiting, 0);
        }

        return true;
    }

    private void WakeSequencer()
    {
        if (Interlocked.CompareExchange(ref _sequencerWaiting, 0, 1) == 1)
        {
            _workQueued.Set();
        }
    }

    private int Take(WorkItem item, DateTimeOffset now, PreparedBlock block)
    {
        if (item.Read is { } read)
        {
            read(_register);
            return 0;
        }

        if (Role == NodeRole.Follower)
        {
            RejectOnFollower(item, block);
            return 0;
        }

        if (item.Command is { } single)
        {
            var outcome = ExecuteUnlessFaulted(single, now, block);
            block.Items.Add((item, [outcome]));
            RecordApplied(item, [outcome], now, block);
            return 1;
        }

        var commands = item.Commands!;
        var results = new List<(CommandResult, long)>(commands.Count);
        for (var i = 0; i < commands.Count; i++)
        {
            results.Add(ExecuteUnlessFaulted(commands[i], now, block));
        }

        block.Items.Add((item, results));
        RecordApplied(item, results, now, block);
        return commands.Count;
    }

    // A follower applies only the writer's blocks, so every command it receives is rejected unchanged.
    private static void RejectOnFollower(WorkItem item, PreparedBlock block)
    {
        var failure = new Failure(Reasons.Reasons.NotWriter, "node", null, "follower",
            "This node follows the writer and cannot write; send the request to the writer node.");
        var count = item.Commands?.Count ?? 1;
        var results = new List<(CommandResult, long)>(count);
        for (var i = 0; i < count; i++)
        {
            results.Add((CommandResult.Rejected(failure), 0));
        }

        block.Items.Add((item, results));
    }

    // A keyed request that changed the register is recorded in its block's transaction, so a retry
    // after a crash finds it even when the response was never stored.
    private void RecordApplied(WorkItem item, List<(CommandResult Result, long FirstSequence)> results, DateTimeOffset now, PreparedBlock block)
    {
        if (item.Tag is not { } tag || _requestLog is null)
        {
            return;
        }

        var first = 0L;
        var events = 0;
        foreach (var (result, firstSequence) in results)
        {
            if (result.Accepted && result.Events.Count > 0)
            {
                first = first == 0 ? firstSequence : first;
                events += result.Events.Count;
            }
        }

        if (events > 0)
        {
            block.Requests.Applied.Add(new AppliedRequest(tag, first, events, now));
        }
    }

    private (CommandResult Result, long FirstSequence) ExecuteUnlessFaulted(RegisterCommand command, DateTimeOffset now, PreparedBlock block) =>
        _fault is null ? Execute(command, now, block) : (CommandResult.Rejected([]), 0);

    private (CommandResult Result, long FirstSequence) Execute(RegisterCommand command, DateTimeOffset now, PreparedBlock block)
    {
        CommandResult result;
        try
        {
            result = _register.Execute(command, now);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A throw inside the state machine is a bug that may have left the state half changed,
            // so the engine stops rather than journal anything more from it.
            _fault ??= exception;
            return (CommandResult.Rejected([]), 0);
        }

        if (!result.Accepted)
        {
            return (result, 0);
        }

        var first = _register.State.LastSequence - result.Events.Count + 1;
        for (var i = 0; i < result.Events.Count; i++)
        {
            block.AddEvent(first + i, now, result.Events[i]);
        }

        return (result, first);
    }

    /// <summary>Ledger time never goes backwards, even when the system clock does.</summary>
    private DateTimeOffset NextTimestamp()
    {
        var now = _clock.GetUtcNow().ToUniversalTime();
        return now < _register.State.LastTimestamp ? _register.State.LastTimestamp : now;
    }

    /// <summary>The journal thread: seals each batch into a block, makes it durable, then completes its callers' tasks.</summary>
    private void WriteLoop()
    {
        while (!_toWrite.IsCompleted)
        {
            if (!_toWrite.TryTake(out var block, IdleFlushInterval))
            {
                SaveRequestsWhileIdle();
                continue;
            }

            if (_fault is null && block.EventCount > 0)
            {
                try
                {
                    WriteBlock(block);
                }
                catch (Exception exception)
                {
                    _fault = exception;
                }
            }

            Answer(block);
            block.Reset();
            _freeBlocks.Enqueue(block);
        }

        SaveRequestsWhileIdle();
        Volatile.Write(ref _writerStopped, true);
    }

    private void WriteBlock(PreparedBlock block)
    {
        var started = Stopwatch.GetTimestamp();
        block.Encode();

        // The one copy of the events: SQLite binds a whole array, so the blob must be exactly sized.
        var blob = block.EventBlob.ToArray();
        var micros = (block.Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        var sealedBlock = BlockSealer.SealEncoded(block.Height, block.FirstSequence, _previousHash, micros, blob, block.EventCount, _key, _options.ParallelSealing);
        if (_requestLog is null)
        {
            _store.Append(sealedBlock);
        }
        else
        {
            DrainResponses(block.Requests);
            _requestLog.Append(sealedBlock, block.Requests);
        }

        _previousHash = sealedBlock.Hash;
        DurableHeight = block.Height;
        EngineMetrics.RecordBlock(block.Items.Count, Stopwatch.GetElapsedTime(started), block.Height);
    }

    private void Answer(PreparedBlock block)
    {
        var fault = _fault is { } cause
            ? new EngineFaultedException("The engine stopped after a failed journal write or a state machine error; restart it to rebuild from the journal.", cause)
            : null;
        foreach (var (item, results) in block.Items)
        {
            if (fault is not null)
            {
                item.Completion?.TrySetException(fault);
                item.ManyCompletion?.TrySetException(fault);
                continue;
            }

            var outcomes = new CommandOutcome[results.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                var (result, first) = results[i];
                outcomes[i] = new CommandOutcome(result, first, result.Accepted ? block.Height : 0);
            }

            item.Completion?.TrySetResult(outcomes[0]);
            item.ManyCompletion?.TrySetResult(outcomes);
        }
    }
}
