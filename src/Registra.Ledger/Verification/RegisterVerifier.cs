using Registra.Events;
using Registra.Register;

namespace Registra.Ledger;

/// <summary>
/// Full verification of a journal: every hash, Merkle root, signature and chain link, then a
/// replay of every event into a fresh register and a check of the register's invariants.
/// </summary>
public static class RegisterVerifier
{
    /// <summary>
    /// Verifies the store. When the replayed register breaks an invariant, the journal is replayed
    /// again block by block to name the first block after which the invariant fails.
    /// </summary>
    public static VerificationReport Verify(IJournalStore store, byte[] publicKey, IProgress<VerificationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var register = new Register.Register();
        var report = JournalVerifier.Verify(store, publicKey, progress, (sequence, bytes) => Replay(register, sequence, bytes), cancellationToken);
        if (!report.Succeeded)
        {
            return report;
        }

        var violations = Invariants.Check(register.State);
        if (violations.Count == 0)
        {
            return report;
        }

        var (height, violation) = FindFirstViolation(store, cancellationToken);
        return report with
        {
            Succeeded = false,
            FirstBadHeight = height,
            Failure = $"block {height}: after replaying it, {violation}",
        };
    }

    private static void Replay(Register.Register register, long sequence, ReadOnlyMemory<byte> bytes)
    {
        var ledgerEvent = EventCodec.Decode(bytes.Span);
        if (ledgerEvent.Sequence != sequence)
        {
            throw new InvalidDataException($"event {sequence} carries sequence number {ledgerEvent.Sequence} in its bytes");
        }

        register.Apply(ledgerEvent);
    }

    private static (long Height, string Violation) FindFirstViolation(IJournalStore store, CancellationToken cancellationToken)
    {
        var register = new Register.Register();
        foreach (var block in store.ReadBlocks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var bytes in EventBlob.Decode(block.Events, block.Header.EventCount))
            {
                register.Apply(EventCodec.Decode(bytes.Span));
            }

            if (Invariants.Check(register.State) is [var first, ..])
            {
                return (block.Header.Height, first);
            }
        }

        return (0, "an invariant fails only at the end");
    }
}
