using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.CorporateActions.Ballots;
using Registra.Events;
using Registra.Register;
using Registra.Tests.Register;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.CorporateActions;

public sealed class BallotTests
{
    private static Amount Units(long units) => Amount.FromUnits(units);

    /// <summary>
    /// Holders of 500, 1000 and 5000 at the record instant vote on one motion with two choices,
    /// "motion 1" and "motion 2": 500 and 5000 choose the first, 1000 the second.
    /// </summary>
    [Fact]
    public void Ballot_RecordWeights_CertifiesWinnerAndQuorum()
    {
        var world = new BallotWorld();
        world.Open();
        world.Fixture.MustExecute(world.Vote("vera", 1, 1));
        world.Fixture.MustExecute(world.Vote("xena", 1, 1));
        world.Fixture.MustExecute(world.Vote("walt", 1, 2));
        world.Close();
        var sequenceBefore = world.Fixture.Register.State.LastSequence;

        var result = world.Certify();

        var motion = Assert.Single(result.Motions);
        Assert.Equal([(Int128)5500, 1000], motion.Weights);
        Assert.Equal(1, motion.Winner);
        Assert.True(result.QuorumMet);
        Assert.Equal(6500, result.Turnout);
        Assert.Equal(6500, result.SupplyAtRecord);
        Assert.Equal(3, result.Voters);
        Assert.Equal(sequenceBefore, result.AsOfSequence);
        Assert.Equal("decided", BallotTally.Outcome(result, motion));
    }

    [Fact]
    public void Vote_NonHolderAtRecord_IsRejected()
    {
        var world = new BallotWorld();
        world.Fixture.MustExecute(new Issue(world.Fixture.SecurityId, "yuri-1", Units(1000)));
        world.Open();

        world.Fixture.AssertRejected(world.Vote("yuri", 1, 2), Reasons.Reasons.NotAHolderAtRecord);
    }

    [Fact]
    public void Vote_UnitsAcquiredAfterRecord_CarryNoWeight()
    {
        var world = new BallotWorld();
        world.Fixture.MustExecute(new Issue(world.Fixture.SecurityId, "vera-1", Units(2000)));
        world.Fixture.MustExecute(new Transfer(world.Fixture.SecurityId, "xena-1", "vera-1", Units(4000)));
        world.Open();

        world.Fixture.MustExecute(world.Vote("vera", 1, 2));
        world.Fixture.MustExecute(world.Vote("xena", 1, 1));
        world.Close();
        var result = world.Certify();

        Assert.Equal([(Int128)5000, 500], result.Motions[0].Weights);
    }

    [Fact]
    public void Vote_AfterClose_IsRejected()
    {
        var world = new BallotWorld();
        world.Close();

        var failure = Assert.Single(world.Fixture.AssertRejected(world.Vote("walt", 1, 1), Reasons.Reasons.BallotClosed));

        Assert.Equal(world.ClosesAt.ToString("O"), failure.Limit);
    }

    [Fact]
    public void Vote_BeforeOpening_IsRejected()
    {
        var world = new BallotWorld();

        world.Fixture.AssertRejected(world.Vote("walt", 1, 1), Reasons.Reasons.BallotNotOpen);
    }

    [Fact]
    public void Vote_ChangedBeforeClose_CountsOnce()
    {
        var world = new BallotWorld();
        world.Open();
        world.Fixture.MustExecute(world.Vote("xena", 1, 1));
        world.Fixture.Advance(TimeSpan.FromHours(1));
        world.Fixture.MustExecute(world.Vote("xena", 1, 2));
        world.Close();

        var result = world.Certify();

        Assert.Equal([(Int128)0, 5000], result.Motions[0].Weights);
        Assert.Equal(1, result.Voters);
        Assert.Equal(5000, result.Turnout);
    }

    [Fact]
    public void Vote_ForAnotherIdentity_IsDenied()
    {
        var world = new BallotWorld();
        world.Open();

        world.Fixture.AssertRejected(world.Vote("walt", 1, 1) with { Actor = Actor.Investor("xena") }, Reasons.Reasons.PermissionDenied);
        world.Fixture.AssertRejected(world.Vote("walt", 1, 1) with { Actor = BallotWorld.Agent }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void Vote_ByOperatorForHolder_IsAccepted()
    {
        var world = new BallotWorld();
        world.Open();

        world.Fixture.MustExecute(world.Vote("walt", 1, 2) with { Actor = Actor.Operator });

        Assert.Equal(2, world.Ballot.Voters["walt"].Choices[0]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 3)]
    public void Vote_UnknownMotionOrChoice_IsRejected(int motion, int choice)
    {
        var world = new BallotWorld();
        world.Open();

        world.Fixture.AssertRejected(world.Vote("walt", motion, choice), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void Vote_SameMotionTwiceOrNone_IsRejected()
    {
        var world = new BallotWorld();
        world.Open();

        world.Fixture.AssertRejected(new CastVote(world.BallotId, "walt", [new VoteChoice(1, 1), new VoteChoice(1, 2)]), Reasons.Reasons.InvalidArgument);
        world.Fixture.AssertRejected(new CastVote(world.BallotId, "walt", []), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void Vote_UnknownBallotOrIdentity_IsNotFound()
    {
        var world = new BallotWorld();
        world.Open();

        world.Fixture.AssertRejected(new CastVote("ballot-999999", "walt", [new VoteChoice(1, 1)]), Reasons.Reasons.NotFound);
        world.Fixture.AssertRejected(new CastVote(world.BallotId, "nobody", [new VoteChoice(1, 1)]), Reasons.Reasons.NotFound);
    }

    [Fact]
    public void Certify_BeforeClose_IsRejected()
    {
        var world = new BallotWorld();
        world.Open();

        world.Fixture.AssertRejected(new CertifyBallot(world.BallotId) { Actor = BallotWorld.Agent }, Reasons.Reasons.BallotNotClosed);
    }

    [Fact]
    public void Certify_Twice_IsRejected()
    {
        var world = new BallotWorld();
        world.Close();
        world.Certify();

        world.Fixture.AssertRejected(new CertifyBallot(world.BallotId) { Actor = BallotWorld.Agent }, Reasons.Reasons.BallotAlreadyCertified);
    }

    [Fact]
    public void Certify_WithoutActionsPermission_IsDenied()
    {
        var world = new BallotWorld();
        world.Close();

        world.Fixture.AssertRejected(new CertifyBallot(world.BallotId) { Actor = RegisterFixture.Agent(Permissions.Supply) }, Reasons.Reasons.PermissionDenied);
        world.Fixture.AssertRejected(new CertifyBallot(world.BallotId) { Actor = Actor.Investor("xena") }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void Certify_LowTurnout_MissesQuorum()
    {
        var world = new BallotWorld();
        world.Open();
        world.Fixture.MustExecute(world.Vote("walt", 1, 1));
        world.Close();

        var result = world.Certify();

        Assert.False(result.QuorumMet);
        Assert.Equal(1, result.Motions[0].Winner);
        Assert.Equal("no_quorum", BallotTally.Outcome(result, result.Motions[0]));
    }

    [Fact]
    public void Certify_EqualWeights_HasNoWinner()
    {
        var fixture = RegisterFixture.Create(alice: 100, bob: 100);
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));
        var ballotId = fixture.MustExecute(new CreateBallot(fixture.SecurityId, "Meeting", recordAt, recordAt.AddHours(2), recordAt.AddDays(1), 0,
            [new Motion("Tie", ["yes", "no"]), new Motion("Unvoted", ["yes", "no"])]) { Actor = BallotWorld.Agent }).CreatedId!;
        fixture.AdvanceTo(recordAt.AddHours(2));
        fixture.MustExecute(new CastVote(ballotId, "alice", [new VoteChoice(1, 1)]) { Actor = Actor.Investor("alice") });
        fixture.MustExecute(new CastVote(ballotId, "bob", [new VoteChoice(1, 2)]) { Actor = Actor.Investor("bob") });
        fixture.AdvanceTo(recordAt.AddDays(1));

        fixture.MustExecute(new CertifyBallot(ballotId) { Actor = BallotWorld.Agent });

        var result = fixture.Register.State.Ballots[ballotId].Result!;
        Assert.Equal([(Int128)100, 100], result.Motions[0].Weights);
        Assert.Equal(0, result.Motions[0].Winner);
        Assert.Equal("tied", BallotTally.Outcome(result, result.Motions[0]));
        Assert.Equal(0, result.Motions[1].Winner);
        Assert.Equal("no_votes", BallotTally.Outcome(result, result.Motions[1]));
    }

    /// <summary>Balances at R include every event stamped at R, so a split stamped at the record instant weighs.</summary>
    [Fact]
    public void Ballot_SplitAtRecordInstant_IsIncluded()
    {
        var fixture = RegisterFixture.Create(alice: 300, bob: 0);
        var recordAt = fixture.Now.AddHours(1);
        fixture.AdvanceTo(recordAt);
        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 7, 1) { Actor = BallotWorld.Agent });
        var ballotId = fixture.MustExecute(new CreateBallot(fixture.SecurityId, "Meeting", recordAt, recordAt.AddHours(1), recordAt.AddDays(1), 5100,
            [new Motion("Approve", ["yes", "no"])]) { Actor = BallotWorld.Agent }).CreatedId!;
        fixture.Advance(TimeSpan.FromHours(2));

        fixture.MustExecute(new CastVote(ballotId, "alice", [new VoteChoice(1, 1)]));

        Assert.Equal(2100, fixture.Register.State.Ballots[ballotId].Voters["alice"].Weight);
    }

    [Fact]
    public void Ballot_SplitAfterRecordInstant_KeepsRecordWeights()
    {
        var world = new BallotWorld();
        world.Fixture.MustExecute(new SplitSecurity(world.Fixture.SecurityId, 2, 1) { Actor = BallotWorld.Agent });
        world.Open();
        world.Fixture.MustExecute(world.Vote("xena", 1, 1));
        world.Close();

        var result = world.Certify();

        Assert.Equal(5000, result.Motions[0].Weights[0]);
        Assert.Equal(6500, result.SupplyAtRecord);
        Assert.True(result.QuorumMet);
    }

    [Fact]
    public void Ballot_VoterWithRecoveredAccount_WeighsBothAccounts()
    {
        var world = new BallotWorld();
        var fixture = world.Fixture;
        fixture.MustExecute(new AddAccount("walt", "walt-2"));
        fixture.MustExecute(new RecoverAccount("walt-1", "walt-2") { Actor = RegisterFixture.Agent(Permissions.Transfer) });
        world.Open();

        fixture.MustExecute(world.Vote("walt", 1, 1));

        Assert.Equal(1000, world.Ballot.Voters["walt"].Weight);
    }

    public static TheoryData<string, Func<BallotWorld, CreateBallot>> BadBallots() => new()
    {
        { "record after opening", w => Create(w) with { RecordAt = w.OpensAt } },
        { "opening after closing", w => Create(w) with { OpensAt = w.ClosesAt } },
        { "closed already", w => Create(w) with { RecordAt = w.RecordAt.AddDays(-3), OpensAt = w.RecordAt.AddDays(-2), ClosesAt = w.RecordAt } },
        { "quorum above 100%", w => Create(w) with { QuorumBasisPoints = 10_001 } },
        { "negative quorum", w => Create(w) with { QuorumBasisPoints = -1 } },
        { "blank title", w => Create(w) with { Title = " " } },
        { "no motions", w => Create(w) with { Motions = [] } },
        { "one choice", w => Create(w) with { Motions = [new Motion("Approve", ["yes"])] } },
        { "duplicate choices", w => Create(w) with { Motions = [new Motion("Approve", ["yes", " yes"])] } },
        { "blank motion", w => Create(w) with { Motions = [new Motion("", ["yes", "no"])] } },
        { "too many motions", w => Create(w) with { Motions = [.. Enumerable.Repeat(new Motion("Approve", ["yes", "no"]), 51)] } },
        { "no supply at record", w => Create(w) with { RecordAt = RegisterFixture.DefaultStart.AddDays(-1) } },
    };

    [Theory]
    [MemberData(nameof(BadBallots))]
    public void CreateBallot_BadInput_IsRejected(string name, Func<BallotWorld, CreateBallot> build)
    {
        var world = new BallotWorld();

        var failures = world.Fixture.AssertRejected(build(world));

        Assert.True(failures[0].Code == Reasons.Reasons.InvalidArgument, $"{name}: {failures[0]}");
    }

    [Fact]
    public void CreateBallot_UnknownSecurityOrNoPermission_IsRejected()
    {
        var world = new BallotWorld();

        world.Fixture.AssertRejected(Create(world) with { SecurityId = "nope" }, Reasons.Reasons.NotFound);
        world.Fixture.AssertRejected(Create(world) with { Actor = RegisterFixture.Agent(Permissions.Supply) }, Reasons.Reasons.PermissionDenied);
        world.Fixture.AssertRejected(Create(world) with { Actor = Actor.Investor("xena") }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void CreateBallot_FutureRecordInstant_IsAccepted()
    {
        var world = new BallotWorld();
        var recordAt = world.Fixture.Now.AddDays(3);

        var created = world.Fixture.MustExecute(Create(world) with { RecordAt = recordAt, OpensAt = recordAt.AddDays(1), ClosesAt = recordAt.AddDays(2) });

        Assert.Equal("ballot-000002", created.CreatedId);
    }

    [Fact]
    public void Ballot_ReplayAndSnapshot_RebuildSameState()
    {
        var world = new BallotWorld(5100, new Motion("First", ["a", "b", "c"]), new Motion("Second", ["x", "y"]));
        world.Open();
        world.Fixture.MustExecute(new CastVote(world.BallotId, "xena", [new VoteChoice(1, 3), new VoteChoice(2, 1)]) { Actor = Actor.Investor("xena") });
        world.Fixture.MustExecute(world.Vote("walt", 2, 2));
        world.Fixture.MustExecute(world.Vote("xena", 1, 2));
        world.Close();
        world.Certify();
        var original = world.Fixture.Register.State;

        var replayed = new RegisterMachine();
        foreach (var ledgerEvent in world.Fixture.Journal)
        {
            replayed.Apply(EventCodec.Decode(EventCodec.Encode(ledgerEvent)));
        }

        var restored = StateSnapshot.Read(StateSnapshot.Write(original));

        var digest = Convert.ToHexString(StateDigest.Compute(original));
        Assert.Equal(digest, Convert.ToHexString(StateDigest.Compute(replayed.State)));
        Assert.Equal(digest, Convert.ToHexString(StateDigest.Compute(restored)));
        Assert.Equal([(Int128)0, 5000, 0], restored.Ballots[world.BallotId].Result!.Motions[0].Weights);
        Assert.Equal([2, 1], replayed.State.Ballots[world.BallotId].Voters["xena"].Choices.Select(c => (int)c));
        Assert.Empty(Invariants.Check(restored));
    }

    [Fact]
    public void VoteCast_Encoded_IsSmall()
    {
        var vote = new LedgerEvent(123_456, RegisterFixture.DefaultStart, new VoteCast("ballot-000001", "investor-000042", 3, 2, 5_000_000));

        var bytes = EventCodec.Encode(vote);

        Assert.True(bytes.Length <= 80, $"A vote event takes {bytes.Length} bytes.");
        Assert.Equal(bytes, EventCodec.Encode(EventCodec.Decode(bytes)));
    }

    private static CreateBallot Create(BallotWorld world) =>
        new(world.Fixture.SecurityId, "Another meeting", world.RecordAt, world.OpensAt, world.ClosesAt, 5100, world.Motions) { Actor = BallotWorld.Agent };
}
