namespace Registra.CorporateActions.Ballots;

/// <summary>The weights cast for each choice of one motion, and the winning choice number (0 when none).</summary>
public sealed record MotionTally(IReadOnlyList<Int128> Weights, int Winner);

/// <summary>
/// Certified results of a ballot, computed from every vote after the ballot closed.
/// </summary>
/// <param name="AsOfSequence">Sequence number of the last ledger event the results include.</param>
/// <param name="SupplyAtRecord">Supply at the record instant, the base of the quorum.</param>
/// <param name="Turnout">Sum of the weights of the identities that voted on at least one motion.</param>
/// <param name="Voters">Number of identities that voted.</param>
public sealed record BallotResult(
    long AsOfSequence,
    Int128 SupplyAtRecord,
    Int128 Turnout,
    int Voters,
    bool QuorumMet,
    IReadOnlyList<MotionTally> Motions);
