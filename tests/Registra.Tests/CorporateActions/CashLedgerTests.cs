using Registra.Access;
using Registra.Cash;
using Registra.Identifiers;
using Registra.Register;
using Registra.Tests.Register;
using static Registra.Tests.CorporateActions.CashSteps;

namespace Registra.Tests.CorporateActions;

public sealed class CashLedgerTests
{
    [Theory]
    [InlineData("JPY", 0, "1500", 1500)]
    [InlineData("USD", 2, "15.25", 1525)]
    [InlineData("BHD", 3, "1.005", 1005)]
    public void Deposit_InCurrency_CountsMinorUnits(string currency, int minorUnits, string amount, long expectedMinorUnits)
    {
        var fixture = RegisterFixture.Create();
        fixture.OpenCash(CashOwnerKind.Identity, "alice", currency);

        fixture.MustExecute(new DepositCash(CashOwnerKind.Identity, "alice", currency, Money(amount, minorUnits)));

        var key = CashAccountKey.OfIdentity("alice", currency);
        Assert.Equal(expectedMinorUnits, (long)fixture.Register.State.Cash.BalanceOf(key).Units);
        Assert.Equal(minorUnits, fixture.Register.State.Cash.Ledgers[currency].MinorUnits);
        Assert.Equal(amount, fixture.Cash(CashOwnerKind.Identity, "alice", currency));
    }

    [Fact]
    public void CurrencyTable_DataFile_NamesItsSource()
    {
        using var stream = typeof(CurrencyCode).Assembly.GetManifestResourceStream(CurrencyCodeTable.ResourceName)!;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();

        Assert.Contains("# Source: ISO 4217 list one", text);
        Assert.Equal(179, CurrencyCodeTable.Parse(text).Count);
        Assert.Equal(0, CurrencyCodeTable.Parse(text)["JPY"]);
        Assert.Equal(3, CurrencyCodeTable.Parse(text)["BHD"]);
    }

    [Fact]
    public void CurrencyTable_MalformedLine_Throws()
    {
        Assert.Throws<FormatException>(() => CurrencyCodeTable.Parse("USD,x\n"));
        Assert.Throws<FormatException>(() => CurrencyCodeTable.Parse("USD,2\nUSD,2\n"));
    }

    [Fact]
    public void Withdraw_MoreThanBalance_IsInsufficientCash()
    {
        var fixture = RegisterFixture.Create();
        fixture.FundIssuer("10");

        var failures = fixture.AssertRejected(new WithdrawCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId, "USD", Money("10.01")),
            Registra.Reasons.Reasons.InsufficientCash);

        Assert.Equal("10.01", failures[0].Limit);
        Assert.Equal("10", failures[0].Current);
    }

    [Fact]
    public void Withdraw_WholeBalance_LeavesZeroAndTotals()
    {
        var fixture = RegisterFixture.Create();
        fixture.FundIssuer("10");

        fixture.MustExecute(new WithdrawCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId, "usd", Money("10"), "payout 7"));

        var ledger = fixture.Register.State.Cash.Ledgers["USD"];
        Assert.Equal("0", fixture.Cash(CashOwnerKind.Issuer, RegisterFixture.IssuerId));
        Assert.Equal(1000, (long)ledger.Deposited.Units);
        Assert.Equal(1000, (long)ledger.Withdrawn.Units);
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("XAU")]
    [InlineData("US")]
    [InlineData("")]
    public void OpenAccount_UnknownCurrency_IsRejected(string currency)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new OpenCashAccount(CashOwnerKind.Identity, "alice", currency), Registra.Reasons.Reasons.InvalidIdentifier);
    }

    [Fact]
    public void OpenAccount_Twice_IsAlreadyExists()
    {
        var fixture = RegisterFixture.Create();
        fixture.OpenCash(CashOwnerKind.Identity, "alice");

        fixture.AssertRejected(new OpenCashAccount(CashOwnerKind.Identity, "alice", "usd"), Registra.Reasons.Reasons.AlreadyExists);
    }

    [Fact]
    public void Deposit_WithoutAccountOrOwner_IsNotFound()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new DepositCash(CashOwnerKind.Identity, "alice", "USD", Money("1")), Registra.Reasons.Reasons.NotFound);
        fixture.AssertRejected(new DepositCash(CashOwnerKind.Identity, "nobody", "USD", Money("1")), Registra.Reasons.Reasons.NotFound);
        fixture.AssertRejected(new OpenCashAccount(CashOwnerKind.Issuer, "nobody", "USD"), Registra.Reasons.Reasons.NotFound);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Deposit_NonPositive_IsInvalidAmount(string amount)
    {
        var fixture = RegisterFixture.Create();
        fixture.OpenCash(CashOwnerKind.Identity, "alice");
        var parsed = Registra.Amounts.Amount.Parse(amount, 2).Amount;

        fixture.AssertRejected(new DepositCash(CashOwnerKind.Identity, "alice", "USD", parsed), Registra.Reasons.Reasons.InvalidAmount);
    }

    [Fact]
    public void Cash_ActorsAndScopes_FollowPolicy()
    {
        var fixture = RegisterFixture.Create();
        var agent = RegisterFixture.Agent(Permissions.Actions);
        var otherAgent = Actor.Agent("agent-2", "globex", Permissions.All);

        fixture.MustExecute(new OpenCashAccount(CashOwnerKind.Identity, "alice", "USD") { Actor = Actor.Investor("alice") });
        fixture.MustExecute(new OpenCashAccount(CashOwnerKind.Issuer, RegisterFixture.IssuerId, "USD") { Actor = agent });
        fixture.MustExecute(new DepositCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId, "USD", Money("5")) { Actor = agent });

        fixture.AssertRejected(new OpenCashAccount(CashOwnerKind.Identity, "bob", "USD") { Actor = Actor.Investor("alice") },
            Registra.Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new DepositCash(CashOwnerKind.Identity, "alice", "USD", Money("5")) { Actor = Actor.Investor("alice") },
            Registra.Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new DepositCash(CashOwnerKind.Identity, "alice", "USD", Money("5")) { Actor = agent },
            Registra.Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new WithdrawCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId, "USD", Money("1")) { Actor = otherAgent },
            Registra.Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new WithdrawCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId, "USD", Money("1")) { Actor = RegisterFixture.Agent(Permissions.Supply) },
            Registra.Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void CheckDebit_ShortAccount_ReturnsInsufficientCash()
    {
        var fixture = RegisterFixture.Create();
        fixture.FundIssuer("3");
        var book = fixture.Register.State.Cash;

        Assert.Null(book.CheckDebit(CashAccountKey.OfIssuer(RegisterFixture.IssuerId, "USD"), Money("3")));
        Assert.Equal("insufficient_cash", book.CheckDebit(CashAccountKey.OfIssuer(RegisterFixture.IssuerId, "USD"), Money("3.01"))!.Code.Name);
        Assert.Equal("not_found", book.CheckDebit(CashAccountKey.OfIdentity("alice", "USD"), Money("1"))!.Code.Name);
    }
}
