namespace Registra.CorporateActions.Ballots;

/// <summary>
/// A ballot of one security's holders. Voting is open from <see cref="OpensAt"/> (included) until
/// <see cref="ClosesAt"/> (excluded), and each vote weighs the voter's balance at <see cref="RecordAt"/>.
/// </summary>
public sealed class BallotState(
    string id,
    string securityId,
    string title,
    DateTimeOffset recordAt,
    DateTimeOffset opensAt,
    DateTimeOffset closesAt,
    int quorumBasisPoints,
    IReadOnlyList<Motion> motions)
{
    public const int MaxMotions = 50;

    public string Id { get; } = id;

    public string SecurityId { get; } = securityId;

    public string Title { get; } = title;

    public DateTimeOffset RecordAt { get; } = recordAt;

    public DateTimeOffset OpensAt { get; } = opensAt;

    public DateTimeOffset ClosesAt { get; } = closesAt;

    /// <summary>Share of the supply at the record instant that must vote, in hundredths of a percent (5100 is 51%).</summary>
    public int QuorumBasisPoints { get; } = quorumBasisPoints;

    public IReadOnlyList<Motion> Motions { get; } = motions;

    /// <summary>Votes by identity id.</summary>
    public Dictionary<string, Voter> Voters { get; } = [];

    /// <summary>The certified results, or null until the ballot is certified.</summary>
    public BallotResult? Result { get; internal set; }

    public bool IsOpenAt(DateTimeOffset instant) => instant >= OpensAt && instant < ClosesAt;
}
