using Registra.Access;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.Market.Offerings;
using Registra.Tests.Register;
using static Registra.Tests.Market.Offerings.OfferingWorld;

namespace Registra.Tests.Market.Offerings;

/// <summary>Opening an offering: the terms it keeps, defaults, and every bad term rejected with nothing changed.</summary>
public sealed class OfferingTermsTests
{
    [Fact]
    public void Open_Defaults_OneUnitLotAndCapAsMaximum()
    {
        var fixture = Create();

        Open(fixture, cap: "1000", price: "12.5");

        var terms = Offering(fixture).Terms;
        Assert.Equal(Amount.FromUnits(1250), terms.Price);
        Assert.Equal(Amount.FromUnits(1), terms.LotSize);
        Assert.Equal(Amount.FromUnits(1), terms.MinPerInvestor);
        Assert.Equal(Amount.FromUnits(1000), terms.MaxPerInvestor);
        Assert.Null(terms.MinimumRaise);
        Assert.Equal(OfferingStatus.Open, Offering(fixture).Status);
    }

    [Fact]
    public void Open_SecurityWithBook_TakesBookLotSize()
    {
        var fixture = Create();
        fixture.MustExecute(new ConfigureMarket(fixture.SecurityId, Usd, Amount.FromUnits(5), Amount.FromUnits(10)));

        Open(fixture);

        Assert.Equal(Amount.FromUnits(10), Offering(fixture).Terms.LotSize);
        Assert.Equal(Amount.FromUnits(10), Offering(fixture).Terms.MinPerInvestor);
    }

    [Theory]
    [InlineData("10.001", "1000", null, null, null, null, "invalid_granularity")]
    [InlineData("0", "1000", null, null, null, null, "invalid_amount")]
    [InlineData("-1", "1000", null, null, null, null, "invalid_amount")]
    [InlineData("10", "0", null, null, null, null, "invalid_amount")]
    [InlineData("10", "1000.5", null, null, null, null, "invalid_granularity")]
    [InlineData("10", "1000", "500", "100", null, null, "invalid_argument")]
    [InlineData("10", "1000", null, "1001", null, null, "invalid_argument")]
    [InlineData("10", "1000", null, null, "10000.01", null, "invalid_argument")]
    [InlineData("10", "1000", null, null, null, "3", "quantity_off_lot")]
    [InlineData("0.01", "1000", null, null, null, "0", "invalid_amount")]
    public void BadTerms_Open_ChangesNothing(string price, string cap, string? min, string? max, string? raise, string? lot, string code)
    {
        var fixture = Create();

        var failures = fixture.AssertRejected(Terms(fixture, cap, price, min, max, raise, lot));

        Assert.Contains(code, RegisterFixture.Codes(failures));
    }

    [Fact]
    public void LotPriceNotWholeMinorUnits_Open_IsRejected()
    {
        // With two decimals a lot of 0.01 units at 0.05 USD costs 0.0005 USD, less than a cent.
        var fixture = Create(decimals: 2);

        var failures = fixture.AssertRejected(Terms(fixture, price: "0.05", lot: "0.01"), Reasons.Reasons.InvalidArgument);

        Assert.Contains("whole minor units", failures.Single().Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCurrency_Open_IsRejected()
    {
        var fixture = Create();

        fixture.AssertRejected(Terms(fixture) with { Currency = "ZZZ" }, Reasons.Reasons.InvalidIdentifier);
    }

    [Fact]
    public void IssuerWithoutCashAccount_Open_IsRejected()
    {
        var fixture = Create();

        var failures = fixture.AssertRejected(Terms(fixture) with { Currency = "EUR" }, Reasons.Reasons.NotFound);

        Assert.Equal("issuer acme EUR", failures.Single().Subject);
    }

    [Fact]
    public void WindowInThePast_Open_IsRejected()
    {
        var fixture = Create();
        var terms = Terms(fixture) with { OpensAt = fixture.Now.AddDays(-2), ClosesAt = fixture.Now.AddDays(-1) };

        fixture.AssertRejected(terms, Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(terms with { ClosesAt = terms.OpensAt }, Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void CapAboveSupplyCap_Open_IsRejected()
    {
        var fixture = Create(supplyCap: Amount.FromUnits(2000));

        fixture.AssertRejected(Terms(fixture, cap: "501"), Reasons.Reasons.SupplyCapExceeded);
        Open(fixture, cap: "500");
    }

    [Fact]
    public void DuplicateOrBadId_Open_IsRejected()
    {
        var fixture = Create();
        Open(fixture);

        fixture.AssertRejected(Terms(fixture), Reasons.Reasons.AlreadyExists);
        fixture.AssertRejected(Terms(fixture, id: "bad id"), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void WithoutSupplyPermission_Open_IsDenied()
    {
        var fixture = Create();

        fixture.AssertRejected(Terms(fixture) with { Actor = RegisterFixture.Agent(Permissions.Actions) }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(Terms(fixture) with { Actor = Actor.Agent("other", "globex", Permissions.All) }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(Terms(fixture) with { Actor = Actor.Investor("alice") }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(Terms(fixture) with { SecurityId = "nope" }, Reasons.Reasons.NotFound);
    }

    [Fact]
    public void HugeCapTimesPrice_Open_IsRejectedAsOverflow()
    {
        var fixture = Create();

        fixture.AssertRejected(Terms(fixture, cap: "100000000000000000000000000000000000", price: "100000000000"), Reasons.Reasons.Overflow);
    }

    [Fact]
    public void OpenOffering_Split_IsRejected()
    {
        var fixture = Create();
        Open(fixture);

        fixture.AssertRejected(new SplitSecurity(fixture.SecurityId, 2, 1), Reasons.Reasons.MarketActivityOpen);
        fixture.MustExecute(new CancelOffering("ipo-1") { Actor = Agent });
        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 2, 1));
    }

    [Fact]
    public void CashAccountsAfterOpen_AreUntouched()
    {
        var fixture = Create();

        Open(fixture);

        Assert.Equal("100000", CashOf(fixture, "alice"));
        Assert.Equal(Amount.Zero, fixture.Register.State.Cash.BalanceOf(CashAccountKey.OfIssuer(RegisterFixture.IssuerId, Usd)));
    }
}
