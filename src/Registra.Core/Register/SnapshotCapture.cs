using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Registra.Securities;

namespace Registra.Register;

/// <summary>
/// A register snapshot in two steps. <see cref="StateSnapshot.Capture"/> encodes everything but the
/// entries of the balance histories and of long lot lists, on the thread that owns the state, which
/// costs time in proportion to the entities held. <see cref="Complete"/> then encodes those entries,
/// which grow with every movement, and seals the bytes on any thread while the state keeps changing.
/// </summary>
public sealed class SnapshotCapture
{
    /// <summary>Lot lists longer than this are copied at capture and encoded by <see cref="Complete"/>.</summary>
    internal const int InlineLots = 64;

    private const int LotBytes = 24;

    private readonly List<DeferredEntries> _deferred = [];
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
            _deferred.Add(new DeferredEntries(_head!.WrittenCount, history, null));
        }
    }

    /// <summary>
    /// Copies a long lot list for <see cref="Complete"/> to encode at the current offset. The copy
    /// is one memory move, which is cheaper for the sequencer than encoding the lots one by one.
    /// </summary>
    internal void AddLots(List<Lot> lots) =>
        _deferred.Add(new DeferredEntries(_head!.WrittenCount, default, CollectionsMarshal.AsSpan(lots).ToArray()));

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
        foreach (var part in _deferred)
        {
            length += part.Lots is { } lots ? (long)lots.Length * LotBytes : StateSnapshot.HistoryEntriesLength(part.History);
        }

        if (length > Array.MaxLength - SHA256.HashSizeInBytes)
        {
            throw new InvalidOperationException(
                $"The register snapshot would take {length:N0} bytes, more than one array can hold; the engine replays the journal instead.");
        }

        var snapshot = GC.AllocateUninitializedArray<byte>((int)length + SHA256.HashSizeInBytes);
        var written = 0;
        var copied = 0;
        foreach (var part in _deferred)
        {
            head[copied..part.Offset].CopyTo(snapshot.AsSpan(written));
            written += part.Offset - copied;
            copied = part.Offset;
            written += part.Lots is { } lots
                ? WriteLots(lots, snapshot.AsSpan(written))
                : StateSnapshot.WriteHistoryEntries(part.History, snapshot.AsSpan(written));
        }

        head[copied..].CopyTo(snapshot.AsSpan(written));
        written += head.Length - copied;
        SHA256.HashData(snapshot.AsSpan(0, written), snapshot.AsSpan(written));
        return snapshot;
    }

    /// <summary>Ends the capture: no more bytes are written into it.</summary>
    internal void EndCapture() => CapturedBytes = _head!.WrittenCount;

    /// <summary>Writes lots as <see cref="StateSnapshot.Write"/> does inline: each amount's 16 bytes, then its instant's 8.</summary>
    private static int WriteLots(Lot[] lots, Span<byte> destination)
    {
        var written = 0;
        foreach (var lot in lots)
        {
            BinaryPrimitives.WriteInt128LittleEndian(destination[written..], lot.Amount.Units);
            BinaryPrimitives.WriteInt64LittleEndian(destination[(written + 16)..], lot.AcquiredAt.UtcTicks);
            written += LotBytes;
        }

        return written;
    }

    private static InvalidOperationException Completed() => new("This snapshot capture was already completed.");
}

/// <summary>Entries encoded after capture at <paramref name="Offset"/> of the head: a history's, or a copied lot list when <paramref name="Lots"/> is set.</summary>
internal readonly record struct DeferredEntries(int Offset, HistoryCapture History, Lot[]? Lots);
