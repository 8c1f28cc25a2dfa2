using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.CorporateActions.StockEvents;
using Registra.Events;
using Registra.Register;
using Registra.Securities;
using Registra.Tests.Register;

namespace Registra.Tests.CorporateActions;

public sealed class StockDividendTests
{
    private static readonly Actor Agent = RegisterFixture.Agent(Permissions.Actions);

    private static readonly CashInLieuPrice ThreeDollars = new("USD", 300);

    private static Amount Units(long units) => Amount.FromUnits(units);

    [Fact]
    public void StockDividend_OneForTen_UsesRecordBalances()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 500);
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromDays(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Units(300)));
        fixture.Advance(TimeSpan.FromDays(1));

        var result = fixture.MustExecute(new DeclareStockDividend(fixture.SecurityId, 1, 10, recordAt) { Actor = Agent });

        Assert.Equal(800, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(850, fixture.Balance(RegisterFixture.Bob));
        Assert.Equal(1650, fixture.Supply);
        Assert.Equal("sdiv-000001", result.CreatedId);
        Assert.Equal(150, fixture.Register.State.StockEvents[result.CreatedId!].TotalUnits);
    }

    [Fact]
    public void StockDividend_Fractions_PaidInCash()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 500);
        fixture.FundIssuer("10");
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));

        var result = fixture.MustExecute(new DeclareStockDividend(fixture.SecurityId, 1, 3, recordAt, ThreeDollars) { Actor = Agent });

        // 1000/3 is 333 and 1/3 of a unit at 3.00; 500/3 is 166 and 2/3 of a unit at 3.00.
        var credits = result.Events.OfType<StockDividendIssued>().Single().Credits;
        var paid = result.Events.OfType<Registra.Cash.CashInLieuPaid>().Single();
        Assert.Equal([new StockEntry(RegisterFixture.Alice, 333, 1, 100), new StockEntry(RegisterFixture.Bob, 166, 2, 200)], credits);
        Assert.Equal(1333, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal([100, 200], paid.Payments.Select(payment => (long)payment.Units));
        Assert.Equal("1", fixture.IdentityCash(fixture.Register.State.Accounts[RegisterFixture.Alice].IdentityId));
        Assert.Equal("2", fixture.IdentityCash(fixture.Register.State.Accounts[RegisterFixture.Bob].IdentityId));
        Assert.Equal("7", fixture.Cash(Registra.Cash.CashOwnerKind.Issuer, RegisterFixture.IssuerId));
    }

    [Fact]
    public void StockDividend_FractionsWithoutPrice_IsRejected()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 500);
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));

        fixture.AssertRejected(new DeclareStockDividend(fixture.SecurityId, 1, 3, recordAt) { Actor = Agent }, Reasons.Reasons.CashInLieuPriceRequired);
    }

    [Fact]
    public void StockDividend_RecordInstantNotPast_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new DeclareStockDividend(fixture.SecurityId, 1, 10, fixture.Now) { Actor = Agent }, Reasons.Reasons.AtTimeInFuture);
        fixture.AssertRejected(new DeclareStockDividend(fixture.SecurityId, 1, 10, fixture.Now.AddDays(1)) { Actor = Agent }, Reasons.Reasons.AtTimeInFuture);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    [InlineData(-1, 10)]
    public void StockDividend_BadRatio_IsRejected(long numerator, long denominator)
    {
        var fixture = RegisterFixture.Create();
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));

        fixture.AssertRejected(new DeclareStockDividend(fixture.SecurityId, numerator, denominator, recordAt) { Actor = Agent }, Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void StockDividend_NoSupplyAtRecord_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.Advance(TimeSpan.FromHours(1));

        fixture.AssertRejected(new DeclareStockDividend(fixture.SecurityId, 1, 10, RegisterFixture.DefaultStart.AddDays(-1)) { Actor = Agent },
            Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void StockDividend_AboveSupplyCap_IsRejected()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 500, supplyCap: Units(1600));
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));

        fixture.AssertRejected(new DeclareStockDividend(fixture.SecurityId, 1, 10, recordAt) { Actor = Agent }, Reasons.Reasons.SupplyCapExceeded);
    }

    [Fact]
    public void StockDividend_UnknownSecurityOrNoPermission_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));

        fixture.AssertRejected(new DeclareStockDividend("nope", 1, 10, recordAt) { Actor = Agent }, Reasons.Reasons.NotFound);
        fixture.AssertRejected(new DeclareStockDividend(fixture.SecurityId, 1, 10, recordAt) { Actor = Actor.Investor("alice") }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void StockDividend_RecoveredAccount_CreditsReplacement()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 0);
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));
        fixture.MustExecute(new AddAccount("alice", "alice-2"));
        fixture.MustExecute(new RecoverAccount(RegisterFixture.Alice, "alice-2") { Actor = RegisterFixture.Agent(Permissions.Transfer) });

        fixture.MustExecute(new DeclareStockDividend(fixture.SecurityId, 1, 10, recordAt) { Actor = Agent });

        Assert.Equal(0, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(1100, fixture.Balance("alice-2"));
    }

    [Fact]
    public void StockDividend_NewUnits_FormLotAcquiredNow()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 0);
        var issuedAt = fixture.Now;
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, RegisterFixture.Alice, Units(200)));
        fixture.Advance(TimeSpan.FromDays(10));

        fixture.MustExecute(new DeclareStockDividend(fixture.SecurityId, 1, 10, issuedAt) { Actor = Agent });

        var position = fixture.Register.PositionOf(fixture.SecurityId, RegisterFixture.Alice)!;
        Assert.Equal([new Lot(Units(1000), issuedAt), new Lot(Units(100), fixture.Now)], position.Lots);
        Assert.Equal(Units(200), position.Frozen);
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }
}
