using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.CorporateActions.Ballots;
using Registra.Tests.Register;

namespace Registra.Tests.CorporateActions;

/// <summary>
/// A register whose holders at the record instant are Vera (500), Walt (1000) and Xena (5000),
/// so the supply at the record instant is 6500. Yuri is verified but holds nothing then.
/// The ballot is created one hour after the record instant. It opens one hour later and closes a day after that.
/// </summary>
public sealed class BallotWorld
{
    public static readonly Actor Agent = RegisterFixture.Agent(Permissions.Actions);

    public BallotWorld(int quorumBasisPoints = 5100, params Motion[] motions)
    {
        Fixture = RegisterFixture.Create(alice: 0, bob: 0);
        foreach (var (name, units) in new[] { ("vera", 500L), ("walt", 1000L), ("xena", 5000L) })
        {
            var account = Fixture.AddInvestor(name);
            Fixture.MustExecute(new Issue(Fixture.SecurityId, account, Amount.FromUnits(units)));
        }

        Fixture.AddInvestor("yuri");
        RecordAt = Fixture.Now;
        Fixture.Advance(TimeSpan.FromHours(1));
        Motions = motions.Length > 0 ? motions : [new Motion("Board proposal", ["motion 1", "motion 2"])];
        BallotId = Fixture.MustExecute(new CreateBallot(Fixture.SecurityId, "Annual meeting", RecordAt, OpensAt, ClosesAt,
            quorumBasisPoints, Motions) { Actor = Agent }).CreatedId!;
    }

    public RegisterFixture Fixture { get; }

    public DateTimeOffset RecordAt { get; }

    public DateTimeOffset OpensAt => RecordAt.AddHours(2);

    public DateTimeOffset ClosesAt => OpensAt.AddDays(1);

    public IReadOnlyList<Motion> Motions { get; }

    public string BallotId { get; }

    public BallotState Ballot => Fixture.Register.State.Ballots[BallotId];

    public void Open() => Fixture.AdvanceTo(OpensAt);

    public void Close() => Fixture.AdvanceTo(ClosesAt);

    /// <summary>A vote sent by the identity itself, as an investor.</summary>
    public CastVote Vote(string identityId, int motion, int choice) =>
        new(BallotId, identityId, [new VoteChoice(motion, choice)]) { Actor = Actor.Investor(identityId) };

    public BallotResult Certify()
    {
        Fixture.MustExecute(new CertifyBallot(BallotId) { Actor = Agent });
        return Ballot.Result!;
    }
}
