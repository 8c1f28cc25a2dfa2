using Registra.Access;
using Registra.Amounts;
using Registra.Commands;

namespace Registra.Tests.Register;

public sealed class PointInTimeTests
{
    private const string Holder = RegisterFixture.Alice;

    private static Amount Units(long units) => Amount.FromUnits(units);

    /// <summary>
    /// Alice holds the whole supply of 100 at the record instant. Afterwards she sends 10 to
    /// Kai, 50 is issued to Mia and 20 of Alice's is redeemed, each a day apart.
    /// </summary>
    private static (RegisterFixture Fixture, DateTimeOffset RecordInstant, string Kai, string Mia) AfterRecordInstant()
    {
        var fixture = RegisterFixture.Create(alice: 100, bob: 0);
        var kai = fixture.AddInvestor("kai");
        var mia = fixture.AddInvestor("mia");
        var recordInstant = fixture.Now;

        fixture.Advance(TimeSpan.FromDays(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Holder, kai, Units(10)));
        fixture.Advance(TimeSpan.FromDays(1));
        fixture.MustExecute(new Issue(fixture.SecurityId, mia, Units(50)));
        fixture.Advance(TimeSpan.FromDays(1));
        fixture.MustExecute(new Redeem(fixture.SecurityId, Holder, Units(20)) { Actor = RegisterFixture.Agent(Permissions.Supply) });
        return (fixture, recordInstant, kai, mia);
    }

    [Fact]
    public void BalanceAt_RecordInstant_IgnoresLaterChanges()
    {
        var (fixture, recordInstant, kai, mia) = AfterRecordInstant();
        var register = fixture.Register;

        Assert.Equal(100, (long)register.BalanceAt(fixture.SecurityId, Holder, recordInstant).Units);
        Assert.Equal(0, (long)register.BalanceAt(fixture.SecurityId, kai, recordInstant).Units);
        Assert.Equal(0, (long)register.BalanceAt(fixture.SecurityId, mia, recordInstant).Units);
        Assert.Equal(100, (long)register.SupplyAt(fixture.SecurityId, recordInstant).Units);
    }

    [Fact]
    public void HoldersAt_RecordInstant_ListsOnlyHolder()
    {
        var (fixture, recordInstant, _, _) = AfterRecordInstant();

        var holder = Assert.Single(fixture.Register.HoldersAt(fixture.SecurityId, recordInstant));

        Assert.Equal(Holder, holder.AccountId);
        Assert.Equal(100, (long)holder.Balance.Units);
    }

    [Fact]
    public void Balances_Current_ReflectLaterChanges()
    {
        var (fixture, _, kai, mia) = AfterRecordInstant();

        Assert.Equal(70, fixture.Balance(Holder));
        Assert.Equal(10, fixture.Balance(kai));
        Assert.Equal(50, fixture.Balance(mia));
        Assert.Equal(130, fixture.Supply);
    }

    [Fact]
    public void BalanceAt_Now_MatchesCurrent()
    {
        var (fixture, _, kai, mia) = AfterRecordInstant();
        var register = fixture.Register;

        Assert.Equal(70, (long)register.BalanceAt(fixture.SecurityId, Holder, fixture.Now).Units);
        Assert.Equal(10, (long)register.BalanceAt(fixture.SecurityId, kai, fixture.Now).Units);
        Assert.Equal(50, (long)register.BalanceAt(fixture.SecurityId, mia, fixture.Now).Units);
        Assert.Equal(130, (long)register.SupplyAt(fixture.SecurityId, fixture.Now).Units);
    }

    [Fact]
    public void BalanceAt_BetweenChanges_ReadsIntermediateState()
    {
        var (fixture, recordInstant, kai, mia) = AfterRecordInstant();
        var afterTransfer = recordInstant.AddDays(1).AddHours(12);
        var register = fixture.Register;

        Assert.Equal(90, (long)register.BalanceAt(fixture.SecurityId, Holder, afterTransfer).Units);
        Assert.Equal(10, (long)register.BalanceAt(fixture.SecurityId, kai, afterTransfer).Units);
        Assert.Equal(0, (long)register.BalanceAt(fixture.SecurityId, mia, afterTransfer).Units);
        Assert.Equal(100, (long)register.SupplyAt(fixture.SecurityId, afterTransfer).Units);
    }

    [Fact]
    public void BalanceAt_BeforeFirstIssue_IsZero()
    {
        var (fixture, _, _, _) = AfterRecordInstant();

        Assert.True(fixture.Register.BalanceAt(fixture.SecurityId, Holder, RegisterFixture.DefaultStart.AddTicks(-1)).IsZero);
        Assert.True(fixture.Register.SupplyAt(fixture.SecurityId, RegisterFixture.DefaultStart.AddTicks(-1)).IsZero);
    }

    // NOTE: the register has no clock, so it cannot tell a future instant from a quiet past.
    // Reads after the last event return the current balance. Rejecting future instants with
    // at_time_in_future is left to the caller that owns the clock.
    [Fact]
    public void BalanceAt_AfterLastEvent_ReadsCurrent()
    {
        var (fixture, _, _, _) = AfterRecordInstant();

        Assert.Equal(70, (long)fixture.Register.BalanceAt(fixture.SecurityId, Holder, fixture.Now.AddYears(5)).Units);
    }
}
