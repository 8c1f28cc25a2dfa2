using System.Diagnostics;
using System.Buffers;
using Registra.Register;

namespace Registra.Ledger.Engine;

public sealed partial class LedgerEngine
{
    /// <summary>
    /// Sequence number of the last event in the latest snapshot taken or loaded; 0 before any.
    /// Only the applier thread reads it after start-up. Open sets it before it returns the engine,
    /// and the applier reads it only after a command arrives through the queue, which orders the two.
    /// </summary>
    private long _snapshotSequence;

    private long _savedSnapshotHeight;

    /// <summary>The encoding and saving of the latest snapshot, or null before the first.</summary>
    private Task? _snapshotTask;

    /// <summary>
    /// The capture buffer, kept from one snapshot to the next and replaced by one twice the last
    /// capture when that no longer fits. Growing a buffer during the capture copied it again and
    /// again and touched fresh pages each time, which took longer than the encoding.
    /// </summary>
    private ArrayBufferWriter<byte> _captureBuffer = new(1 << 16);

    /// <summary>Height of the snapshot the register was loaded from at open; 0 when every block was replayed.</summary>
    public long SnapshotHeightLoaded { get; private set; }

    /// <summary>
    /// Reason the stored snapshot was not used at open, such as a failed hash check, or null when
    /// it was used or the journal had none. The register was then rebuilt from every block.
    /// </summary>
    public string? SnapshotRejection { get; private set; }

    /// <summary>Height of the latest snapshot this engine saved to the journal store; 0 before the first.</summary>
    public long SavedSnapshotHeight => Interlocked.Read(ref _savedSnapshotHeight);

    /// <summary>
    /// The latest error from taking or saving a snapshot, or null. The journal stays intact when a
    /// snapshot fails, so the engine keeps running and tries again after the next interval.
    /// </summary>
    public Exception? SnapshotError { get; private set; }

    private long _snapshotsTaken;
    private long _snapshotPauseTicks;

    /// <summary>Snapshots the sequencer has captured since open, saved or not.</summary>
    public long SnapshotsTaken => Interlocked.Read(ref _snapshotsTaken);

    /// <summary>Time the sequencer spent capturing the state for snapshots since open, when it applied no command.</summary>
    public TimeSpan SnapshotPause => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _snapshotPauseTicks));

    /// <summary>
    /// Builds the register from the latest snapshot and the blocks after it, or from every block
    /// when there is no snapshot or it cannot be used.
    /// </summary>
    private static (Register.Register Register, long Events, long SnapshotHeight, long SnapshotSequence, string? Rejection) Rebuild(
        IJournalStore store, IProgress<long>? progress)
    {
        string? rejection = null;
        if (store.ReadLatestSnapshot() is { } snapshot)
        {
            try
            {
                var register = new Register.Register(StateSnapshot.Read(snapshot.State));
                var snapshotSequence = register.State.LastSequence;
                var events = ReplayInto(register, store, progress, snapshot.Height + 1);
                CheckReachedHead(register, store, snapshot.Height);
                return (register, events, snapshot.Height, snapshotSequence, null);
            }
            catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException)
            {
                // The partly replayed register is dropped; a journal fault would show again in the full replay.
                rejection = $"Snapshot at height {snapshot.Height} was not used: {exception.Message}";
            }
        }

        var full = new Register.Register();
        return (full, ReplayInto(full, store, progress), 0, 0, rejection);
    }

    /// <summary>Checks that the snapshot plus the blocks after it end at the journal's last event.</summary>
    private static void CheckReachedHead(Register.Register register, IJournalStore store, long snapshotHeight)
    {
        var head = store.ReadHead();
        var headSequence = head?.LastSequence ?? 0;
        if (register.State.LastSequence != headSequence)
        {
            throw new InvalidOperationException(
                $"The snapshot at height {snapshotHeight} and the blocks after it end at event {register.State.LastSequence}, " +
                $"but the journal ends at event {headSequence}.");
        }
    }

    /// <summary>
    /// Captures the state when <see cref="EngineOptions.SnapshotEveryEvents"/> events have passed
    /// since the last snapshot, and leaves the rest to a background task. Runs on the applier
    /// thread right after the block's last command, so the capture reflects exactly the blocks up
    /// to this one. The capture pauses the sequencer for a time that grows with the entities held.
    /// The balance histories grow with every movement, so the task encodes them instead.
    /// </summary>
    private void TakeSnapshotIfDue(PreparedBlock block)
    {
        var every = _options.SnapshotEveryEvents;
        var sequence = _register.State.LastSequence;
        if (every == 0 || _fault is not null || sequence - _snapshotSequence < every)
        {
            return;
        }

        // One snapshot at a time: while the last one is still being encoded or saved, try again at the next block.
        if (_snapshotTask is { IsCompleted: false })
        {
            return;
        }

        // Try again only after another interval, so a failing snapshot does not stall every block.
        _snapshotSequence = sequence;
        var started = Stopwatch.GetTimestamp();
        SnapshotCapture capture;
        try
        {
            capture = StateSnapshot.Capture(_register.State, _captureBuffer);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            SnapshotError = exception;
            EngineMetrics.RecordSnapshotFailure();
            return;
        }

        ReserveForNextCapture(capture.CapturedBytes);
        var pause = Stopwatch.GetTimestamp() - started;
        Interlocked.Increment(ref _snapshotsTaken);
        Interlocked.Add(ref _snapshotPauseTicks, pause);
        var height = block.Height;
        _snapshotTask = Task.Factory.StartNew(() => CompleteAndSave(capture, height, Stopwatch.GetElapsedTime(0, pause)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Runs the snapshot code once over a small sample register (<see cref="StateSnapshot.WarmUp"/>)
    /// before the sequencer takes its first command, so the first real snapshot does not pause it
    /// for compiling that code.
    /// </summary>
    private void WarmUpSnapshots()
    {
        if (_options.SnapshotEveryEvents == 0)
        {
            return;
        }

        try
        {
            StateSnapshot.WarmUp();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Only the first snapshot gets slower. A fault in the snapshot code shows there too, and is recorded.
        }
    }

    /// <summary>
    /// Replaces the capture buffer with an empty one of twice the last capture when the kept one is
    /// smaller. The new array's pages are touched only when the next capture writes them.
    /// </summary>
    private void ReserveForNextCapture(int capturedBytes)
    {
        var capacity = (int)Math.Min(Array.MaxLength, 2L * capturedBytes);
        if (_captureBuffer.Capacity < capacity)
        {
            _captureBuffer = new ArrayBufferWriter<byte>(capacity);
        }
    }

    /// <summary>
    /// Encodes a captured snapshot and saves it once its block is durable. Runs beside the sequencer
    /// and the journal writer, which keep going meanwhile. A failure is kept in <see cref="SnapshotError"/>,
    /// and the journal stays intact.
    /// </summary>
    private void CompleteAndSave(SnapshotCapture capture, long height, TimeSpan pause)
    {
        try
        {
            var snapshot = capture.Complete();
            if (!WaitUntilDurable(height))
            {
                return;
            }

            // NOTE: SQLite rejects a blob over SQLITE_MAX_LENGTH, 1,000,000,000 bytes by default. Once a snapshot
            // grows past that, no newer one is saved and each open replays everything after the last one that fit.
            _store.SaveSnapshot(height, snapshot);
            Interlocked.Exchange(ref _savedSnapshotHeight, height);
            EngineMetrics.RecordSnapshot(pause, snapshot.Length);
        }
        catch (Exception exception)
        {
            // Out of memory included: the array of a very large snapshot may not fit, and the engine goes on without it.
            SnapshotError = exception;
            EngineMetrics.RecordSnapshotFailure();
        }
    }

    /// <summary>
    /// Waits until the block at <paramref name="height"/> is durable; false when the journal writer
    /// stopped or failed before it was.
    /// </summary>
    private bool WaitUntilDurable(long height)
    {
        // The block was applied before the encoding started, so it is nearly always durable by now.
        while (DurableHeight < height)
        {
            if (_fault is not null || Volatile.Read(ref _writerStopped))
            {
                return DurableHeight >= height;
            }

            Thread.Sleep(1);
        }

        return true;
    }
}
