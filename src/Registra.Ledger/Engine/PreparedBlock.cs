using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Registra.Canonical;
using Registra.Commands;
using Registra.Events;
using Registra.Ledger.Requests;

namespace Registra.Ledger.Engine;

/// <summary>
/// A batch applied in memory and waiting to be sealed and written: its events and the callers to
/// complete once it is durable. The sequencer only collects the events; the journal writer encodes
/// them, so the encoding runs beside the state machine instead of on its thread. The engine reuses
/// blocks, so the buffer keeps its size from one batch to the next.
/// </summary>
internal sealed class PreparedBlock
{
    private const int LengthPrefixSize = 4;

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly CanonicalWriter _writer;

    public PreparedBlock()
    {
        _writer = new CanonicalWriter(_buffer);
    }

    // Accepted events in sequence order from FirstSequence, all stamped with Timestamp.
    private readonly List<RegisterEvent> _events = [];

    /// <summary>
    /// The events in the storage encoding of <see cref="EventBlob"/>, so sealing needs no second copy.
    /// Empty until <see cref="Encode"/> runs.
    /// </summary>
    public ReadOnlySpan<byte> EventBlob => _buffer.WrittenSpan;

    public int EventCount => _events.Count;

    /// <summary>Each queue entry with the results of its commands and the first sequence of each accepted one.</summary>
    public List<(WorkItem Item, List<(CommandResult Result, long FirstSequence)> Results)> Items { get; } = [];

    /// <summary>Height this block takes in the journal, or 0 when every command in it was rejected.</summary>
    public long Height { get; set; }

    public long FirstSequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Idempotency records written in the same transaction as the block.</summary>
    public RequestLogBatch Requests { get; } = new();

    /// <summary>Adds the next accepted event; its sequence must follow the block's previous event.</summary>
    public void AddEvent(long sequence, DateTimeOffset timestamp, RegisterEvent payload)
    {
        if (sequence != FirstSequence + _events.Count || timestamp != Timestamp)
        {
            throw new InvalidOperationException(
                $"Event {sequence} at {timestamp:O} does not follow block event {FirstSequence + _events.Count - 1} at {Timestamp:O}.");
        }

        _events.Add(payload);
    }

    /// <summary>Encodes every event into <see cref="EventBlob"/>: for each, a length prefix, then its canonical bytes.</summary>
    public void Encode()
    {
        _buffer.ResetWrittenCount();
        for (var i = 0; i < _events.Count; i++)
        {
            Write(FirstSequence + i, _events[i]);
        }
    }

    private void Write(long sequence, RegisterEvent payload)
    {
        _buffer.GetSpan(LengthPrefixSize);
        _buffer.Advance(LengthPrefixSize);
        var start = _buffer.WrittenCount;
        EventCodec.Encode(sequence, Timestamp, payload, _writer);
        var length = _buffer.WrittenCount - start;

        // The length is known only after encoding, and the buffer may have moved since the prefix
        // was reserved, so the prefix is filled in through the written memory.
        var written = MemoryMarshal.AsMemory(_buffer.WrittenMemory).Span;
        BinaryPrimitives.WriteInt32LittleEndian(written.Slice(start - LengthPrefixSize, LengthPrefixSize), length);
    }

    /// <summary>Empties the block for the next batch, keeping its buffer.</summary>
    public void Reset()
    {
        _buffer.ResetWrittenCount();
        _events.Clear();
        Items.Clear();
        Height = 0;
        FirstSequence = 0;
        Timestamp = default;
        Requests.Clear();
    }
}
