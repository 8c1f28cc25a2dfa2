namespace Registra.Ledger;

/// <summary>Outcome of verifying a journal store.</summary>
/// <param name="Succeeded">True when every block passed every check.</param>
/// <param name="BlocksVerified">Blocks that passed every check, all of them before the first bad block.</param>
/// <param name="EventsVerified">Events in those blocks.</param>
/// <param name="FirstBadHeight">Height of the first block that failed, or null on success.</param>
/// <param name="Failure">
/// Sentence naming the block and the failed check, or null on success, for example
/// "Block 17: Merkle root mismatch: stored 3fa0… computed 91bc…".
/// </param>
/// <param name="Elapsed">Wall-clock time the verification took.</param>
public sealed record VerificationReport(
    bool Succeeded,
    long BlocksVerified,
    long EventsVerified,
    long? FirstBadHeight,
    string? Failure,
    TimeSpan Elapsed);
