using Registra.CorporateActions.Ballots;
using Registra.CorporateActions.StockEvents;

namespace Registra.Commands;

/// <summary>
/// Opens a ballot of the security's holders. Requires RecordAt &lt; OpensAt &lt; ClosesAt, so that
/// every vote is cast after the record instant and its weight can no longer change.
/// </summary>
/// <param name="QuorumBasisPoints">Share of the supply at the record instant that must vote, 0 to 10000 (5100 is 51%).</param>
public sealed record CreateBallot(
    string SecurityId,
    string Title,
    DateTimeOffset RecordAt,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    int QuorumBasisPoints,
    IReadOnlyList<Motion> Motions) : RegisterCommand;

/// <param name="Motion">Motion number, from 1.</param>
/// <param name="Choice">Choice number within the motion, from 1.</param>
public sealed record VoteChoice(int Motion, int Choice);

/// <summary>Records an identity's choices on some or all motions; a later vote on a motion replaces the earlier one.</summary>
public sealed record CastVote(string BallotId, string IdentityId, IReadOnlyList<VoteChoice> Choices) : RegisterCommand;

/// <summary>Tallies a closed ballot and records the results.</summary>
public sealed record CertifyBallot(string BallotId) : RegisterCommand;

/// <summary>
/// Issues Numerator new units for every Denominator units held at the record instant, which must
/// be before the command's ledger time. Fractions are paid in cash at the stated price.
/// </summary>
public sealed record DeclareStockDividend(
    string SecurityId,
    long Numerator,
    long Denominator,
    DateTimeOffset RecordAt,
    CashInLieuPrice? CashInLieu = null) : RegisterCommand;
