using System.Data.Common;
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
    /// Copies the state into the block when <see cref="EngineOptions.SnapshotEveryEvents"/> events
    /// have passed since the last snapshot. Runs on the applier thread right after the block's last
    /// command, so the copy reflects exactly the blocks up to this one.
    /// </summary>
    private void TakeSnapshotIfDue(PreparedBlock block)
    {
        var every = _options.SnapshotEveryEvents;
        var sequence = _register.State.LastSequence;
        if (every == 0 || _fault is not null || sequence - _snapshotSequence < every)
        {
            return;
        }

        // Try again only after another interval, so a failing snapshot does not stall every block.
        _snapshotSequence = sequence;
        try
        {
            block.Snapshot = StateSnapshot.Write(_register.State);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            SnapshotError = exception;
        }
    }

    /// <summary>
    /// Saves the block's snapshot once the block is durable. Runs on the writer thread after the
    /// block's callers have their results, so they do not wait for the save. Storage errors are
    /// kept in <see cref="SnapshotError"/>.
    /// </summary>
    private void SaveSnapshotOf(PreparedBlock block)
    {
        if (block.Snapshot is not { } snapshot || DurableHeight < block.Height)
        {
            return;
        }

        // NOTE: SQLite rejects a blob over SQLITE_MAX_LENGTH, 1,000,000,000 bytes by default. Once a snapshot
        // grows past that, no newer one is saved and each open replays everything after the last one that fit.
        block.Snapshot = null;
        try
        {
            _store.SaveSnapshot(block.Height, snapshot);
            Interlocked.Exchange(ref _savedSnapshotHeight, block.Height);
        }
        catch (Exception exception) when (exception is DbException or IOException)
        {
            SnapshotError = exception;
        }
    }
}
