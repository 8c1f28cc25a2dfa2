using System.Buffers;
using System.Security.Cryptography;
using Registra.Securities;

namespace Registra.Register;

/// <summary>
/// A register snapshot in two steps. <see cref="StateSnapshot.Capture"/> encodes everything but the
/// entries of the balance histories, on the thread that owns the state, which costs time in
/// proportion to the entities held. <see cref="Complete"/> then encodes the histories, which grow
/// with every movement, and seals the bytes on any thread while the state keeps changing.
/// </summary>
public sealed class SnapshotCapture
{
    private readonly List<(int Offset, HistoryCapture History)> _histories = [];
    private ArrayBufferWriter<byte>? _head;

    internal SnapshotCapture(ArrayBufferWriter<byte> head)
    {
        head.ResetWrittenCount();
        _head = head;
    }

    /// <summary>The encoded state without history entries; each history's entries go at its recorded offset.</summary>
    internal ArrayBufferWriter<byte> Head => _head ?? throw Completed();

    /// <summary>Bytes of the state encoded at capture, without the history entries.</summary>
    public int CapturedBytes { get; private set; }

    internal void AddHistory(HistoryCapture history)
    {
        if (history.Count > 0)
        {
            _histories.Add((_head!.WrittenCount, history));
        }
    }

    /// <summary>
    /// Returns the snapshot of the state as it was when captured, in the layout of
    /// <see cref="StateSnapshot.Write"/>, with its SHA-256, and releases the capture's buffer to
    /// the next capture. Call it once.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// It was called before, or the snapshot would exceed the largest array .NET can allocate.
    /// </exception>
    public byte[] Complete()
    {
        var head = (_head ?? throw Completed()).WrittenSpan;
        _head = null;
        long length = head.Length;
        foreach (var (_, history) in _histories)
        {
            length += StateSnapshot.HistoryEntriesLength(history);
        }

        if (length > Array.MaxLength - SHA256.HashSizeInBytes)
        {
            throw new InvalidOperationException(
                $"The register snapshot would take {length:N0} bytes, more than one array can hold; the engine replays the journal instead.");
        }

        var snapshot = GC.AllocateUninitializedArray<byte>((int)length + SHA256.HashSizeInBytes);
        var written = 0;
        var copied = 0;
        foreach (var (offset, history) in _histories)
        {
            head[copied..offset].CopyTo(snapshot.AsSpan(written));
            written += offset - copied;
            copied = offset;
            written += StateSnapshot.WriteHistoryEntries(history, snapshot.AsSpan(written));
        }

        head[copied..].CopyTo(snapshot.AsSpan(written));
        written += head.Length - copied;
        SHA256.HashData(snapshot.AsSpan(0, written), snapshot.AsSpan(written));
        return snapshot;
    }

    /// <summary>Ends the capture: no more bytes are written into it.</summary>
    internal void EndCapture() => CapturedBytes = _head!.WrittenCount;

    private static InvalidOperationException Completed() => new("This snapshot capture was already completed.");
}
