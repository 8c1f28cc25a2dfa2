namespace Registra.Ledger.Nodes;

/// <summary>
/// The right to append to a journal that several nodes share. One node holds it at a time; it
/// ends when the holder releases it or its process dies. Blocks stay fenced by height in the store,
/// so a holder that lost the lease without noticing still cannot append a block twice.
/// </summary>
public interface IWriterLease : IDisposable
{
    /// <summary>True while this node holds the lease.</summary>
    bool IsHeld { get; }

    /// <summary>Takes the lease when no other node holds it; returns <see cref="IsHeld"/> afterwards. Never waits.</summary>
    bool TryAcquire();
}
