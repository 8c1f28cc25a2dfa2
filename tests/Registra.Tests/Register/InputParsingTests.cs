using Registra.Commands;

namespace Registra.Tests.Register;

public sealed class InputParsingTests
{
    [Theory]
    [InlineData("0.001", "invalid_granularity")]
    [InlineData("-1", "invalid_amount")]
    [InlineData("0", "invalid_amount")]
    [InlineData("1e3", "invalid_amount")]
    [InlineData("", "invalid_amount")]
    public void ParseAmount_BadText_NamesReason(string text, string reason)
    {
        var fixture = RegisterFixture.Create(decimals: 2);

        var (_, failure) = fixture.Register.ParseAmount(fixture.SecurityId, text);

        Assert.NotNull(failure);
        Assert.Equal(reason, failure.Code.Name);
    }

    [Fact]
    public void ParseAmount_TwoDecimals_GivesSmallestUnits()
    {
        var fixture = RegisterFixture.Create(decimals: 2);

        var (amount, failure) = fixture.Register.ParseAmount(fixture.SecurityId, "0.01");

        Assert.Null(failure);
        Assert.Equal(1, amount.Units);
    }

    [Fact]
    public void CheckInstant_Future_IsRejected()
    {
        var now = RegisterFixture.DefaultStart;

        var failure = Registra.Register.Register.CheckInstant(now.AddSeconds(1), now);

        Assert.NotNull(failure);
        Assert.Equal("at_time_in_future", failure.Code.Name);
        Assert.Null(Registra.Register.Register.CheckInstant(now, now));
    }

    [Fact]
    public void FreezeIdentity_FreezesEveryOpenAccount()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new AddAccount("alice", "alice-2"));

        fixture.MustExecute(new FreezeIdentity(fixture.SecurityId, "alice"));

        Assert.True(fixture.Register.PositionOf(fixture.SecurityId, RegisterFixture.Alice)!.IsFrozen);
        Assert.True(fixture.Register.PositionOf(fixture.SecurityId, "alice-2")!.IsFrozen);
        fixture.AssertRejected(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, global::Registra.Amounts.Amount.FromUnits(1)), Reasons.Reasons.AccountFrozen);
        fixture.AssertRejected(new FreezeIdentity(fixture.SecurityId, "alice"), Reasons.Reasons.AccountAlreadyFrozen);
    }

    [Fact]
    public void Issue_OverflowingSupply_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        var huge = new global::Registra.Amounts.Amount(Int128.MaxValue - 10);

        fixture.AssertRejected(new Issue(fixture.SecurityId, RegisterFixture.Alice, huge), Reasons.Reasons.Overflow);
    }

    [Fact]
    public void Split_OverflowingBalance_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(new Issue(fixture.SecurityId, RegisterFixture.Alice, new global::Registra.Amounts.Amount(Int128.MaxValue / 4)));
        fixture.AssertRejected(new SplitSecurity(fixture.SecurityId, long.MaxValue, 1), Reasons.Reasons.Overflow);
    }

    [Theory]
    [InlineData("dave\n")]
    [InlineData("dave ")]
    [InlineData("-dave")]
    public void RegisterIdentity_MalformedId_IsRejected(string id)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new RegisterIdentity(id, Identities.IdentityKind.Individual, "Dave"), Reasons.Reasons.InvalidArgument);
    }
}
