using System.Buffers;

namespace Registra.Ledger.Engine;

/// <summary>
/// A batch applied in memory and waiting to be sealed and written: its encoded events and the
/// callers to answer once it is durable.
/// </summary>
internal sealed class PreparedBlock
{
    public ArrayBufferWriter<byte> Buffer { get; } = new(1 << 16);

    public List<(int Offset, int Length)> Events { get; } = [];

    /// <summary>Each queue entry with the results of its commands and the first sequence of each accepted one.</summary>
    public List<(WorkItem Item, List<(Commands.CommandResult Result, long FirstSequence)> Results)> Items { get; } = [];

    /// <summary>Height this block takes in the journal, or 0 when every command in it was rejected.</summary>
    public long Height { get; set; }

    public long FirstSequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The register snapshot taken right after this block was applied, to save once it is durable; usually null.</summary>
    public byte[]? Snapshot { get; set; }
}
