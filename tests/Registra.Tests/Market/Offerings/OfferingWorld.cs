using Registra.Access;
using Registra.Amounts;
using Registra.Cash;
using Registra.Compliance;
using Registra.Market.Offerings;
using Registra.Register;
using Registra.Tests.Register;

namespace Registra.Tests.Market.Offerings;

/// <summary>
/// A <see cref="RegisterFixture"/> (Alice 1000 and Bob 500 units, KYC required) with verified
/// investors Dave and Erin holding nothing. Every investor has a USD cash account with
/// <see cref="StartingCash"/>, and the issuer acme has an empty USD operating account for the proceeds.
/// </summary>
internal static class OfferingWorld
{
    public const string Dave = "dave-1";
    public const string Erin = "erin-1";
    public const string Usd = "USD";

    /// <summary>USD each investor starts with: 100,000.00.</summary>
    public const long StartingCash = 10_000_000;

    public static readonly string[] Investors = ["alice", "bob", "dave", "erin"];

    public static readonly Actor Agent = RegisterFixture.Agent(Permissions.Supply);

    public static RegisterFixture Create(IReadOnlyList<Rule>? rules = null, Amount? supplyCap = null, int decimals = 0)
    {
        var fixture = RegisterFixture.Create(rules: rules, supplyCap: supplyCap, decimals: decimals);
        fixture.AddInvestor("dave");
        fixture.AddInvestor("erin");
        foreach (var identity in Investors)
        {
            MarketFixture.Fund(fixture, identity, StartingCash);
        }

        fixture.MustExecute(new OpenCashAccount(CashOwnerKind.Issuer, RegisterFixture.IssuerId, Usd));
        return fixture;
    }

    /// <summary>An offering "ipo-1" by the agent at 10.00 USD a unit, open from now for seven days.</summary>
    public static OpenOffering Terms(RegisterFixture fixture, string cap = "1000", string price = "10.00", string? min = null, string? max = null,
        string? minimumRaise = null, string? lot = null, string id = "ipo-1") =>
        new(fixture.SecurityId, id, Usd, price, cap, fixture.Now, fixture.Now.AddDays(7), min, max, minimumRaise, lot) { Actor = Agent };

    public static string Open(RegisterFixture fixture, string cap = "1000", string price = "10.00", string? min = null, string? max = null,
        string? minimumRaise = null, string? lot = null) =>
        fixture.MustExecute(Terms(fixture, cap, price, min, max, minimumRaise, lot)).CreatedId!;

    /// <summary>The investor's own subscription through its first account.</summary>
    public static Subscribe Subscription(string identityId, string quantity, string offeringId = "ipo-1") =>
        new(offeringId, identityId + "-1", quantity) { Actor = Actor.Investor(identityId) };

    public static void Subscribe(RegisterFixture fixture, string identityId, string quantity) =>
        fixture.MustExecute(Subscription(identityId, quantity));

    /// <summary>Moves past the window and closes the offering as the agent.</summary>
    public static Registra.Commands.CommandResult Close(RegisterFixture fixture, string offeringId = "ipo-1")
    {
        fixture.AdvanceTo(fixture.Register.State.Market.Offerings[offeringId].Terms.ClosesAt);
        return fixture.MustExecute(new CloseOffering(offeringId) { Actor = Agent });
    }

    public static Offering Offering(RegisterFixture fixture, string offeringId = "ipo-1") => fixture.Register.State.Market.Offerings[offeringId];

    public static OfferingAllocation AllocationOf(RegisterFixture fixture, string identityId, string offeringId = "ipo-1") =>
        Offering(fixture, offeringId).Allocations.Single(a => a.IdentityId == identityId);

    /// <summary>The identity's USD balance as a decimal string.</summary>
    public static string CashOf(RegisterFixture fixture, string identityId) =>
        fixture.Register.State.Cash.Format(Usd, fixture.Register.State.Cash.BalanceOf(CashAccountKey.OfIdentity(identityId, Usd)));

    public static string IssuerCash(RegisterFixture fixture) =>
        fixture.Register.State.Cash.Format(Usd, fixture.Register.State.Cash.BalanceOf(CashAccountKey.OfIssuer(RegisterFixture.IssuerId, Usd)));

    /// <summary>Every USD minor unit on the platform: the accounts plus what offerings hold in escrow.</summary>
    public static Int128 TotalCash(RegisterFixture fixture)
    {
        var ledger = fixture.Register.State.Cash.Ledgers[Usd];
        var total = ledger.All.Aggregate(Int128.Zero, (sum, account) => sum + account.Balance.Units);
        return fixture.Register.State.Market.Offerings.Values.Aggregate(total, (sum, offering) => sum + offering.Escrow.Units);
    }

    public static void AssertInvariants(RegisterFixture fixture) => Assert.Empty(Invariants.Check(fixture.Register.State));
}
