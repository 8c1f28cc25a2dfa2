namespace Registra.Ledger;

/// <summary>Verification progress, reported after each block.</summary>
/// <param name="BlocksVerified">Blocks that passed every check so far.</param>
/// <param name="EventsVerified">Events in those blocks.</param>
/// <param name="TotalBlocks">Blocks in the store when verification started.</param>
public readonly record struct VerificationProgress(long BlocksVerified, long EventsVerified, long TotalBlocks);
