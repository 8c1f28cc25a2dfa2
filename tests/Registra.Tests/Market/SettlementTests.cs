using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Market.Settlement;
using Registra.Securities;
using Registra.Register;
using Registra.Tests.Register;

namespace Registra.Tests.Market;

/// <summary>
/// Alice has 1000 of A and Bob 500 of B. They swap 1000 A for 500 B, with a 1% fee on A
/// and a 2% fee on B paid to the account fees-1.
/// </summary>
public sealed class SettlementTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;
    private const string Fees = "fees-1";

    private static (RegisterFixture Fixture, string A, string B) Swap()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 0);
        fixture.AddInvestor("fees");
        var b = fixture.MustExecute(new CreateSecurity(RegisterFixture.IssuerId, "Bravo Units", AssetClass.FundUnit, 0)).CreatedId!;
        fixture.MustExecute(new AddTrustedIssuer(b, RegisterFixture.ClaimIssuerId));
        fixture.MustExecute(new SetRules(b, [new IdentityVerifiedRule([ClaimTypes.Kyc])]));
        fixture.MustExecute(new Issue(b, Bob, Amount.FromUnits(500)));
        return (fixture, fixture.SecurityId, b);
    }

    private static CreateInstruction Instruction(RegisterFixture fixture, string a, string b, string? mediator = null) =>
        new("dvd-1",
        [
            new SettlementLeg(LegKind.Token, a, Alice, Bob, Amount.FromUnits(990)),
            new SettlementLeg(LegKind.Token, a, Alice, Fees, Amount.FromUnits(10)),
            new SettlementLeg(LegKind.Token, b, Bob, Alice, Amount.FromUnits(490)),
            new SettlementLeg(LegKind.Token, b, Bob, Fees, Amount.FromUnits(10)),
        ],
        fixture.Now.AddHours(1), mediator) { Actor = Actor.Investor("alice") };

    private static void AffirmAll(RegisterFixture fixture, params string[] parties)
    {
        foreach (var party in parties)
        {
            fixture.MustExecute(new AffirmInstruction("dvd-1", party) { Actor = Actor.Investor(party) });
        }
    }

    private static long BalanceOf(RegisterFixture fixture, string securityId, string account) =>
        (long)(fixture.Register.PositionOf(securityId, account)?.Balance.Units ?? 0);

    [Fact]
    public void IdentityIndexes_AfterSnapshotAndReplay_AreRebuilt()
    {
        var (fixture, a, b) = Swap();
        fixture.AddInvestor("dave");
        fixture.MustExecute(Instruction(fixture, a, b, mediator: "dave"));
        fixture.MustExecute(new CreateHold("h-1", a, Alice, "dave-1", Amount.FromUnits(5), fixture.Now.AddDays(1)) { Actor = Actor.Investor("alice") });

        var restored = StateSnapshot.Read(StateSnapshot.Write(fixture.Register.State));
        var replayed = new Registra.Register.Register();
        foreach (var ledgerEvent in fixture.Journal)
        {
            replayed.Apply(ledgerEvent);
        }

        foreach (var state in new[] { fixture.Register.State, restored, replayed.State })
        {
            Assert.Equal(["alice", "bob", "dave", "fees"], state.Market.InstructionsByIdentity.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["dvd-1"], state.Market.InstructionsByIdentity["dave"]);
            Assert.Equal(["alice", "dave"], state.Market.HoldsByIdentity.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["h-1"], state.Market.HoldsByIdentity["dave"]);
        }
    }

    [Fact]
    public void DeliveryVersusDelivery_WithFees_SettlesEveryLeg()
    {
        var (fixture, a, b) = Swap();
        fixture.MustExecute(Instruction(fixture, a, b));
        AffirmAll(fixture, "alice", "bob", "fees");

        fixture.MustExecute(new SettleInstruction("dvd-1") { Actor = Actor.Investor("bob") });

        Assert.Equal(990, BalanceOf(fixture, a, Bob));
        Assert.Equal(490, BalanceOf(fixture, b, Alice));
        Assert.Equal(10, BalanceOf(fixture, a, Fees));
        Assert.Equal(10, BalanceOf(fixture, b, Fees));
        Assert.Equal(0, BalanceOf(fixture, a, Alice));
        Assert.Equal(0, BalanceOf(fixture, b, Bob));
    }

    [Fact]
    public void DeliveryVersusDelivery_SettledTwice_IsRejected()
    {
        var (fixture, a, b) = Swap();
        fixture.MustExecute(Instruction(fixture, a, b));
        AffirmAll(fixture, "alice", "bob", "fees");
        fixture.MustExecute(new SettleInstruction("dvd-1"));

        fixture.AssertRejected(new SettleInstruction("dvd-1"), Reasons.Reasons.InstructionNotOpen);

        Assert.Equal(990, BalanceOf(fixture, a, Bob));
    }

    [Fact]
    public void Settlement_OneLegFails_MovesNoLeg()
    {
        var (fixture, a, b) = Swap();
        fixture.MustExecute(Instruction(fixture, a, b));
        AffirmAll(fixture, "alice", "bob", "fees");
        fixture.MustExecute(new FreezeAccount(b, Bob));

        var failures = fixture.AssertRejected(new SettleInstruction("dvd-1"), Reasons.Reasons.AccountFrozen);

        Assert.StartsWith("legs[2]", failures[0].Subject);
        Assert.Equal(1000, BalanceOf(fixture, a, Alice));
        Assert.Equal(500, BalanceOf(fixture, b, Bob));
    }

    [Fact]
    public void Settlement_AfterFailure_CanBeRetried()
    {
        var (fixture, a, b) = Swap();
        fixture.MustExecute(Instruction(fixture, a, b));
        AffirmAll(fixture, "alice", "bob", "fees");
        fixture.MustExecute(new Transfer(a, Alice, Bob, Amount.FromUnits(1)));

        var failures = fixture.AssertRejected(new SettleInstruction("dvd-1"), Reasons.Reasons.InsufficientBalance);
        Assert.StartsWith("legs[1]", failures[0].Subject);

        fixture.MustExecute(new Transfer(a, Bob, Alice, Amount.FromUnits(1)));
        fixture.MustExecute(new SettleInstruction("dvd-1"));
        Assert.Equal(490, BalanceOf(fixture, b, Alice));
    }

    [Fact]
    public void DeliveryVersusPayment_CashLeg_SettlesWithUnits()
    {
        var (fixture, a, _) = Swap();
        MarketFixture.Fund(fixture, "alice", 0);
        MarketFixture.Fund(fixture, "bob", 150_000);
        fixture.MustExecute(new CreateInstruction("dvp-1",
        [
            new SettlementLeg(LegKind.Token, a, Alice, Bob, Amount.FromUnits(100)),
            new SettlementLeg(LegKind.Cash, "usd", "bob", "alice", Amount.FromUnits(100_000)),
        ], fixture.Now.AddHours(1)));
        fixture.MustExecute(new AffirmInstruction("dvp-1", "alice"));
        fixture.MustExecute(new AffirmInstruction("dvp-1", "bob"));

        fixture.MustExecute(new SettleInstruction("dvp-1"));

        Assert.Equal(100, BalanceOf(fixture, a, Bob));
        Assert.Equal(100_000, MarketFixture.CashOf(fixture, "alice"));
        Assert.Equal(50_000, MarketFixture.CashOf(fixture, "bob"));
    }

    [Fact]
    public void DeliveryVersusPayment_ShortOfCash_MovesNothing()
    {
        var (fixture, a, _) = Swap();
        MarketFixture.Fund(fixture, "alice", 0);
        MarketFixture.Fund(fixture, "bob", 99_999);
        fixture.MustExecute(new CreateInstruction("dvp-1",
        [
            new SettlementLeg(LegKind.Token, a, Alice, Bob, Amount.FromUnits(100)),
            new SettlementLeg(LegKind.Cash, "USD", "bob", "alice", Amount.FromUnits(100_000)),
        ], fixture.Now.AddHours(1)));
        fixture.MustExecute(new AffirmInstruction("dvp-1", "alice"));
        fixture.MustExecute(new AffirmInstruction("dvp-1", "bob"));

        var failures = fixture.AssertRejected(new SettleInstruction("dvp-1"), Reasons.Reasons.InsufficientCash);

        Assert.StartsWith("legs[1]", failures[0].Subject);
        Assert.Equal(0, BalanceOf(fixture, a, Bob));
        Assert.Equal(99_999, MarketFixture.CashOf(fixture, "bob"));
        Assert.Equal(0, MarketFixture.CashOf(fixture, "alice"));
    }

    [Fact]
    public void Settlement_MissingAffirmation_DoesNotSettle()
    {
        var (fixture, a, b) = Swap();
        fixture.MustExecute(Instruction(fixture, a, b));
        AffirmAll(fixture, "alice", "fees");

        var failures = fixture.AssertRejected(new SettleInstruction("dvd-1"), Reasons.Reasons.InstructionNotAffirmed);

        Assert.Equal("bob", failures[0].Current);
    }

    [Fact]
    public void Settlement_WithdrawnAffirmation_StopsIt()
    {
        var (fixture, a, b) = Swap();
        fixture.MustExecute(Instruction(fixture, a, b));
        AffirmAll(fixture, "alice", "bob", "fees");

        fixture.MustExecute(new WithdrawAffirmation("dvd-1", "bob") { Actor = Actor.Investor("bob") });

        fixture.AssertRejected(new SettleInstruction("dvd-1"), Reasons.Reasons.InstructionNotAffirmed);
    }

    [Fact]
    public void Settlement_AfterExpiry_CannotSettle()
    {
        var (fixture, a, b) = Swap();
        fixture.MustExecute(Instruction(fixture, a, b));
        AffirmAll(fixture, "alice", "bob", "fees");
        fixture.Advance(TimeSpan.FromHours(1));

        fixture.AssertRejected(new SettleInstruction("dvd-1"), Reasons.Reasons.InstructionExpired);
        fixture.AssertRejected(new AffirmInstruction("dvd-1", "bob") { Actor = Actor.Investor("bob") }, Reasons.Reasons.InstructionExpired);
    }

    [Fact]
    public void Settlement_WithMediator_OnlyMediatorSettles()
    {
        var (fixture, a, b) = Swap();
        fixture.AddInvestor("broker");
        fixture.MustExecute(Instruction(fixture, a, b, mediator: "broker"));
        AffirmAll(fixture, "alice", "bob", "fees");

        fixture.AssertRejected(new SettleInstruction("dvd-1") { Actor = Actor.Investor("broker") }, Reasons.Reasons.InstructionNotAffirmed);
        AffirmAll(fixture, "broker");
        fixture.AssertRejected(new SettleInstruction("dvd-1") { Actor = Actor.Investor("alice") }, Reasons.Reasons.PermissionDenied);
        fixture.MustExecute(new SettleInstruction("dvd-1") { Actor = Actor.Investor("broker") });
    }

    [Fact]
    public void Affirmation_ForAnotherParty_IsRejected()
    {
        var (fixture, a, b) = Swap();
        fixture.MustExecute(Instruction(fixture, a, b));

        fixture.AssertRejected(new AffirmInstruction("dvd-1", "bob") { Actor = Actor.Investor("alice") }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new AffirmInstruction("dvd-1", "carol") { Actor = Actor.Investor("carol") }, Reasons.Reasons.NotAParty);
    }

    [Fact]
    public void Instruction_BadInput_ChangesNothing()
    {
        var (fixture, a, b) = Swap();
        var good = Instruction(fixture, a, b);

        fixture.AssertRejected(good with { Legs = [] }, Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(good with { ExpiresAt = fixture.Now }, Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(good with { Legs = [new SettlementLeg(LegKind.Token, "nope", Alice, Bob, Amount.FromUnits(1))] }, Reasons.Reasons.NotFound);
        fixture.AssertRejected(good with { Legs = [new SettlementLeg(LegKind.Token, a, Alice, Bob, Amount.Zero)] }, Reasons.Reasons.InvalidAmount);
        fixture.AssertRejected(good with { Actor = Actor.Investor("carol") }, Reasons.Reasons.PermissionDenied);
        fixture.MustExecute(good);
        fixture.AssertRejected(good, Reasons.Reasons.AlreadyExists);
    }
}
