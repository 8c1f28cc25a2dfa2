using Registra.Access;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.Compliance;
using Registra.Market.OrderBook;
using Registra.Tests.Register;

namespace Registra.Tests.Market;

/// <summary>
/// A <see cref="RegisterFixture"/> whose security trades in USD with a tick of 5 cents and a
/// lot of 10 units. Alice has 1000, Bob 500, and Dave (dave-1) is verified but has no units.
/// Each of them has a USD cash account with <see cref="StartingCash"/> cents.
/// </summary>
internal static class MarketFixture
{
    public const string Dave = "dave-1";

    public const long StartingCash = 1_000_000;

    public static RegisterFixture Create(IReadOnlyList<Rule>? rules = null)
    {
        var fixture = RegisterFixture.Create(rules: rules);
        fixture.AddInvestor("dave");
        foreach (var identity in new[] { "alice", "bob", "dave" })
        {
            Fund(fixture, identity, StartingCash);
        }

        fixture.MustExecute(new ConfigureMarket(fixture.SecurityId, "USD", Amount.FromUnits(5), Amount.FromUnits(10)));
        return fixture;
    }

    /// <summary>Opens the identity's USD cash account and deposits the cents, if any.</summary>
    public static void Fund(RegisterFixture fixture, string identityId, long cents)
    {
        fixture.MustExecute(new OpenCashAccount(CashOwnerKind.Identity, identityId, "USD"));
        if (cents > 0)
        {
            fixture.MustExecute(new DepositCash(CashOwnerKind.Identity, identityId, "USD", Amount.FromUnits(cents)));
        }
    }

    /// <summary>The identity's USD balance in cents.</summary>
    public static long CashOf(RegisterFixture fixture, string identityId) =>
        (long)fixture.Register.State.Cash.BalanceOf(CashAccountKey.OfIdentity(identityId, "USD")).Units;

    /// <summary>The identity's USD cents held by its resting buy orders.</summary>
    public static long HeldCash(RegisterFixture fixture, string identityId) =>
        (long)(fixture.Register.State.Cash.Find(CashAccountKey.OfIdentity(identityId, "USD"))?.Held.Units ?? 0);

    /// <summary>A good-till-cancelled limit order at <paramref name="cents"/> per unit, placed by the account's owner.</summary>
    public static PlaceOrder Limit(RegisterFixture fixture, string account, OrderSide side, long quantity, long cents,
        TimeInForce timeInForce = TimeInForce.GoodTillCancelled) =>
        new(fixture.SecurityId, account, side, OrderType.Limit, timeInForce, Amount.FromUnits(quantity), Amount.FromUnits(cents))
        {
            Actor = Actor.Investor(account[..^2]),
        };

    public static PlaceOrder MarketOrder(RegisterFixture fixture, string account, OrderSide side, long quantity,
        TimeInForce timeInForce = TimeInForce.ImmediateOrCancel) =>
        new(fixture.SecurityId, account, side, OrderType.Market, timeInForce, Amount.FromUnits(quantity), null)
        {
            Actor = Actor.Investor(account[..^2]),
        };

    public static long Place(RegisterFixture fixture, PlaceOrder order) => long.Parse(fixture.MustExecute(order).CreatedId!, System.Globalization.CultureInfo.InvariantCulture);

    public static Book Book(RegisterFixture fixture) => fixture.Register.State.Market.Books[fixture.SecurityId];

    public static long Spendable(RegisterFixture fixture, string account) =>
        (long)(fixture.Register.PositionOf(fixture.SecurityId, account)?.Spendable.Units ?? 0);
}
