using System.Buffers;
using Registra.Access;
using Registra.Amounts;
using Registra.Canonical;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Register;
using Registra.Tests.Register;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.Compliance;

/// <summary>Issuer approval with several approvers: approval escrow of 100 of Alice's 1000 with two approvers, and every way a queued transfer ends.</summary>
public sealed class MultiApproverTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    private static readonly Actor AliceInvestor = Actor.Investor("alice");
    private static readonly Actor FirstAgent = Actor.Agent("key:first", RegisterFixture.IssuerId, Permissions.Transfer);
    private static readonly Actor SecondAgent = Actor.Agent("key:second", RegisterFixture.IssuerId, Permissions.Transfer);
    private static readonly Actor ThirdAgent = Actor.Agent("key:third", RegisterFixture.IssuerId, Permissions.Transfer);

    /// <summary>Alice 1000, Bob 500, and 100 from Alice to Bob queued under a rule that needs the given approvals.</summary>
    private static (RegisterFixture Fixture, string TransferId) Queued(IssuerApprovalRule rule)
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), rule]);
        var result = fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(100)) { Actor = AliceInvestor });
        return (fixture, result.CreatedId!);
    }

    private static (RegisterFixture Fixture, string TransferId) QueuedForTwo() => Queued(new IssuerApprovalRule("P7D") { Approvals = 2 });

    private static long Spendable(RegisterFixture fixture, string account) =>
        (long)fixture.Register.PositionOf(fixture.SecurityId, account)!.Spendable.Units;

    private static long Held(RegisterFixture fixture, string account) =>
        (long)fixture.Register.PositionOf(fixture.SecurityId, account)!.Held.Units;

    private static PendingTransfer Pending(RegisterFixture fixture, string transferId) => fixture.Register.State.PendingTransfers[transferId];

    [Fact]
    public void ApprovalEscrow_TwoApprovers_SettleAfterBoth()
    {
        var (fixture, transferId) = QueuedForTwo();
        Assert.Equal(900, Spendable(fixture, Alice));

        var first = fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });

        Assert.IsType<TransferApprovalRecorded>(Assert.Single(first.Events));
        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(500, fixture.Balance(Bob));
        Assert.Equal(900, Spendable(fixture, Alice));
        Assert.Equal(PendingStatus.Pending, Pending(fixture, transferId).Status);

        var second = fixture.MustExecute(new ApproveTransfer(transferId) { Actor = SecondAgent });

        Assert.Collection(second.Events, e => Assert.IsType<TransferApproved>(e), e => Assert.IsType<Transferred>(e));
        Assert.Equal(900, fixture.Balance(Alice));
        Assert.Equal(600, fixture.Balance(Bob));
        Assert.Equal(0, Held(fixture, Alice));
        Assert.Equal(900, Spendable(fixture, Alice));
        Assert.Equal(["key:first", "key:second"], Pending(fixture, transferId).Approvals.Select(a => a.Approver));
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void ApprovalEscrow_CancelBeforeLast_RestoresSpendable()
    {
        var (fixture, transferId) = QueuedForTwo();
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });

        fixture.MustExecute(new CancelTransfer(transferId) { Actor = AliceInvestor });

        Assert.Equal(1000, Spendable(fixture, Alice));
        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(500, fixture.Balance(Bob));
        Assert.Equal(PendingStatus.Cancelled, Pending(fixture, transferId).Status);
        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = SecondAgent }, Reasons.Reasons.ApprovalNotPending);
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void Approval_SameApproverTwice_IsRejected()
    {
        var (fixture, transferId) = QueuedForTwo();
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });

        var failures = fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = FirstAgent }, Reasons.Reasons.ApprovalAlreadyGiven);

        Assert.Equal("key:first", failures[0].Current);
        Assert.Equal("2", failures[0].Limit);
        Assert.Equal(transferId, failures[0].Subject);
        Assert.Equal(409, failures[0].Code.HttpStatus);
        Assert.Single(Pending(fixture, transferId).Approvals);
    }

    [Fact]
    public void Denial_AfterOneApproval_EndsTransfer()
    {
        var (fixture, transferId) = QueuedForTwo();
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });

        fixture.MustExecute(new DenyTransfer(transferId, "missing documents") { Actor = SecondAgent });

        Assert.Equal(PendingStatus.Denied, Pending(fixture, transferId).Status);
        Assert.Equal(1000, Spendable(fixture, Alice));
        Assert.Equal(500, fixture.Balance(Bob));
        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = ThirdAgent }, Reasons.Reasons.ApprovalNotPending);
    }

    [Fact]
    public void Denial_ByApproverWhoApproved_EndsTransfer()
    {
        var (fixture, transferId) = QueuedForTwo();
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });

        fixture.MustExecute(new DenyTransfer(transferId, "changed my mind") { Actor = FirstAgent });

        Assert.Equal(PendingStatus.Denied, Pending(fixture, transferId).Status);
        Assert.Equal(1000, Spendable(fixture, Alice));
    }

    [Fact]
    public void ThreeApprovers_SettleOnlyAtThird()
    {
        var (fixture, transferId) = Queued(new IssuerApprovalRule("P7D") { Approvals = 3 });

        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = SecondAgent });
        Assert.Equal(500, fixture.Balance(Bob));
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = ThirdAgent });

        Assert.Equal(600, fixture.Balance(Bob));
        Assert.Equal(PendingStatus.Approved, Pending(fixture, transferId).Status);
    }

    [Fact]
    public void ApproverList_UnlistedAgent_IsRejected()
    {
        var (fixture, transferId) = Queued(new IssuerApprovalRule("P7D") { Approvals = 2, Approvers = ["key:first", "key:second"] });

        var failures = fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = ThirdAgent }, Reasons.Reasons.NotAnApprover);
        fixture.AssertRejected(new DenyTransfer(transferId, "no") { Actor = ThirdAgent }, Reasons.Reasons.NotAnApprover);
        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = RegisterFixture.Agent(Permissions.Transfer) }, Reasons.Reasons.NotAnApprover);

        Assert.Equal(403, failures[0].Code.HttpStatus);
        Assert.Equal("key:third", failures[0].Current);
        Assert.Equal("key:first, key:second", failures[0].Limit);
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = SecondAgent });
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });
        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void ApproverList_ListedWithoutPermission_IsDenied()
    {
        var (fixture, transferId) = Queued(new IssuerApprovalRule("P7D") { Approvers = ["key:first"] });
        var listedWithoutPermission = Actor.Agent("key:first", RegisterFixture.IssuerId, Permissions.Compliance);

        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = listedWithoutPermission }, Reasons.Reasons.PermissionDenied);

        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });
        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void DefaultRule_QueuesAndApprovesAsBefore()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule("P7D")]);

        var queued = fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(100)));
        var approved = fixture.MustExecute(new ApproveTransfer(queued.CreatedId!) { Actor = FirstAgent });

        // One event to queue and two to settle, exactly the events written before approval policies existed.
        Assert.IsType<TransferQueued>(Assert.Single(queued.Events));
        Assert.Collection(approved.Events, e => Assert.IsType<TransferApproved>(e), e => Assert.IsType<Transferred>(e));
        Assert.Equal(1, Pending(fixture, queued.CreatedId!).RequiredApprovals);
        Assert.Equal("[{\"type\":\"issuer_approval\",\"expiresAfter\":\"P7D\"}]", RuleSet.ToJson([new IssuerApprovalRule("P7D")]));
    }

    [Fact]
    public void RuleJson_WithoutApprovals_MeansOneApprover()
    {
        var rule = Assert.IsType<IssuerApprovalRule>(Assert.Single(RuleSet.FromJson("[{\"type\":\"issuer_approval\",\"expiresAfter\":\"P3D\"}]")));
        var twoOfList = Assert.IsType<IssuerApprovalRule>(Assert.Single(RuleSet.FromJson(
            "[{\"type\":\"issuer_approval\",\"approvals\":2,\"approvers\":[\"key:a\",\"jwt:b\"]}]")));

        Assert.Equal(1, rule.RequiredApprovals);
        Assert.Null(rule.Approvers);
        Assert.Equal(2, twoOfList.RequiredApprovals);
        Assert.Equal(["key:a", "jwt:b"], twoOfList.Approvers!);
    }

    [Fact]
    public void RuleChange_WhileQueued_KeepsQueuedPolicy()
    {
        var (fixture, transferId) = QueuedForTwo();
        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule("P7D"));

        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });

        Assert.Equal(500, fixture.Balance(Bob));
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = SecondAgent });
        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void LastApproval_FailingCheck_RecordsNothing()
    {
        var (fixture, transferId) = QueuedForTwo();
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, Bob));

        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = SecondAgent }, Reasons.Reasons.AccountFrozen);

        Assert.Single(Pending(fixture, transferId).Approvals);
        fixture.MustExecute(new UnfreezeAccount(fixture.SecurityId, Bob));
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = SecondAgent });
        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void Approval_AfterExpiry_IsRejected()
    {
        var (fixture, transferId) = QueuedForTwo();
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });
        fixture.Advance(TimeSpan.FromDays(7));

        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = SecondAgent }, Reasons.Reasons.ApprovalExpired);
        fixture.MustExecute(new DenyTransfer(transferId, "expired") { Actor = SecondAgent });

        Assert.Equal(1000, Spendable(fixture, Alice));
    }

    [Theory]
    [InlineData("{\"type\":\"issuer_approval\",\"approvals\":0}")]
    [InlineData("{\"type\":\"issuer_approval\",\"approvals\":21}")]
    [InlineData("{\"type\":\"issuer_approval\",\"approvals\":3,\"approvers\":[\"key:a\",\"key:b\"]}")]
    [InlineData("{\"type\":\"issuer_approval\",\"approvers\":[\"key:a\",\"key:a\"]}")]
    [InlineData("{\"type\":\"issuer_approval\",\"approvers\":[\" key:a\"]}")]
    [InlineData("{\"type\":\"issuer_approval\",\"approvers\":[\"\"]}")]
    public void RuleValidation_BadApprovalPolicy_IsRejected(string ruleJson)
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(new SetRules(fixture.SecurityId, RuleSet.FromJson($"[{ruleJson}]")), Reasons.Reasons.InvalidArgument);

        Assert.Contains("issuer_approval", failures[0].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_WithApprovals_RebuildsSameState()
    {
        var (fixture, transferId) = Queued(new IssuerApprovalRule("P7D") { Approvals = 2, Approvers = ["key:first", "key:second", "key:third"] });
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = ThirdAgent });
        var second = fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(5)) { Actor = AliceInvestor }).CreatedId!;
        fixture.MustExecute(new ApproveTransfer(second) { Actor = FirstAgent });
        fixture.MustExecute(new ApproveTransfer(second) { Actor = SecondAgent });

        var replayed = new RegisterMachine();
        foreach (var ledgerEvent in fixture.Journal)
        {
            replayed.Apply(EventCodec.Decode(EventCodec.Encode(ledgerEvent)));
        }

        var restored = StateSnapshot.Read(StateSnapshot.Write(fixture.Register.State));
        Assert.Equal(Convert.ToHexString(StateDigest.Compute(fixture.Register.State)), Convert.ToHexString(StateDigest.Compute(replayed.State)));
        Assert.Equal(Convert.ToHexString(StateDigest.Compute(fixture.Register.State)), Convert.ToHexString(StateDigest.Compute(restored)));
        Assert.Equal(StateSnapshot.Write(fixture.Register.State), StateSnapshot.Write(replayed.State));
        Assert.Equal(["key:first", "key:second", "key:third"], restored.PendingTransfers[transferId].Approvers);
        Assert.Equal(["key:third"], restored.PendingTransfers[transferId].Approvals.Select(a => a.Approver));
        Assert.Equal(2, restored.PendingTransfers[second].Approvals.Count);
    }

    [Fact]
    public void Digest_ApprovalRecorded_Changes()
    {
        var (fixture, transferId) = QueuedForTwo();
        var before = Convert.ToHexString(StateDigest.Compute(fixture.Register.State));

        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = FirstAgent });

        Assert.NotEqual(before, Convert.ToHexString(StateDigest.Compute(fixture.Register.State)));
    }

    [Fact]
    public void Codec_ApprovalEvents_RoundTrip()
    {
        RegisterEvent[] events =
        [
            new TransferApprovalsRequired("pt-000001", 2, ["key:a", "jwt:b"]),
            new TransferApprovalsRequired("pt-000002", 3, []),
            new TransferApprovalRecorded("pt-000001", "key:a"),
        ];

        foreach (var payload in events)
        {
            var ledgerEvent = new LedgerEvent(7, RegisterFixture.DefaultStart, payload);

            var decoded = EventCodec.Decode(EventCodec.Encode(ledgerEvent));

            Assert.Equal(payload, decoded.Payload);
            Assert.Equal(EventCodec.Encode(ledgerEvent), EventCodec.Encode(decoded));
        }

        Assert.Equal(84, (int)EventType.TransferApprovalsRequired);
        Assert.Equal(85, (int)EventType.TransferApprovalRecorded);
    }

    [Fact]
    public void Codec_HugeApproverCount_IsRejected()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CanonicalWriter(buffer);
        writer.WriteByte(EventCodec.FormatVersion);
        writer.WriteUInt16((ushort)EventType.TransferApprovalsRequired);
        writer.WriteByte(1);
        writer.WriteInt64(1);
        writer.WriteInstant(RegisterFixture.DefaultStart);
        writer.WriteString("pt-000001");
        writer.WriteInt32(2);
        writer.WriteLength(1_000_000);

        Assert.Throws<FormatException>(() => EventCodec.Decode(buffer.WrittenSpan));
    }
}
