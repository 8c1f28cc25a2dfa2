using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Tests.Register;

namespace Registra.Tests.Compliance;

public sealed class MaxBalanceTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    private static Amount Units(long units) => Amount.FromUnits(units);

    /// <summary>Alice, Bob and Carla hold 1 each under a cap of 70% of the supply.</summary>
    private static (RegisterFixture Fixture, string Carla) ThreeEqualHolders()
    {
        var fixture = RegisterFixture.Create(alice: 1, bob: 1);
        var carla = fixture.AddInvestor("carla");
        fixture.MustExecute(new Issue(fixture.SecurityId, carla, Units(1)));
        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule(MaxPercentOfSupply: "70"));
        return (fixture, carla);
    }

    [Fact]
    public void MaxPercent_TwoOfThree_IsAllowed()
    {
        var (fixture, _) = ThreeEqualHolders();

        fixture.MustExecute(new Transfer(fixture.SecurityId, Bob, Alice, Units(1)));

        Assert.Equal(2, fixture.Balance(Alice));
    }

    [Fact]
    public void MaxPercent_ThreeOfThree_IsRejected()
    {
        var (fixture, carla) = ThreeEqualHolders();
        fixture.MustExecute(new Transfer(fixture.SecurityId, Bob, Alice, Units(1)));

        var failures = fixture.AssertRejected(new Transfer(fixture.SecurityId, carla, Alice, Units(1)), Reasons.Reasons.MaxBalanceExceeded);

        Assert.Equal("70%", failures[0].Limit);
        Assert.Equal("100%", failures[0].Current);
    }

    [Fact]
    public void MaxPercent_IssueCountsNewSupply()
    {
        // Issuing 4 to Alice gives her 5 of 7, about 71%, above the 70% cap.
        var (fixture, _) = ThreeEqualHolders();

        fixture.AssertRejected(new Issue(fixture.SecurityId, Alice, Units(4)), Reasons.Reasons.MaxBalanceExceeded);
        fixture.MustExecute(new Issue(fixture.SecurityId, Alice, Units(3)));

        Assert.Equal(4, fixture.Balance(Alice));
    }

    [Fact]
    public void MaxBalance_SecondAccount_CountsForIdentity()
    {
        var fixture = RegisterFixture.Create(alice: 0, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("150")]);
        fixture.MustExecute(new AddAccount("alice", "alice-2"));
        fixture.MustExecute(new Issue(fixture.SecurityId, Alice, Units(100)));

        fixture.AssertRejected(new Issue(fixture.SecurityId, "alice-2", Units(100)), Reasons.Reasons.MaxBalanceExceeded);

        Assert.Equal(100, (long)fixture.Security.TotalOf("alice").Units);
    }

    [Fact]
    public void MaxBalance_BetweenOwnAccounts_IsAllowed()
    {
        var fixture = RegisterFixture.Create(alice: 150, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("150")]);
        fixture.MustExecute(new AddAccount("alice", "alice-2"));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, "alice-2", Units(100)));

        Assert.Equal(100, fixture.Balance("alice-2"));
    }

    [Fact]
    public void MaxBalance_HolderAbove_IsRejected()
    {
        var fixture = RegisterFixture.Create(bob: 100, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("150")]);

        var failures = fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(70)), Reasons.Reasons.MaxBalanceExceeded);

        Assert.Equal("150", failures[0].Limit);
        Assert.Equal("170", failures[0].Current);
    }

    [Fact]
    public void MaxBalance_EmptyHolderWithinCap_Succeeds()
    {
        var fixture = RegisterFixture.Create(bob: 100, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("150")]);
        var carla = fixture.AddInvestor("carla");

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, carla, Units(70)));

        Assert.Equal(70, fixture.Balance(carla));
    }

    [Fact]
    public void MaxBalance_CapLowered_KeepsUnits()
    {
        var fixture = RegisterFixture.Create(bob: 150, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("150")]);

        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("100"));

        Assert.Equal(150, fixture.Balance(Bob));
    }

    [Fact]
    public void MaxBalance_CapLowered_HolderCanSend()
    {
        var fixture = RegisterFixture.Create(bob: 150, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("100")]);
        var carla = fixture.AddInvestor("carla");

        fixture.MustExecute(new Transfer(fixture.SecurityId, Bob, carla, Units(10)));

        Assert.Equal(140, fixture.Balance(Bob));
    }

    [Fact]
    public void MaxBalance_CapLowered_HolderCannotReceive()
    {
        var fixture = RegisterFixture.Create(bob: 150, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("100")]);

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(1)), Reasons.Reasons.MaxBalanceExceeded);

        Assert.Equal(150, fixture.Balance(Bob));
    }

    [Theory]
    [InlineData("100.5")]
    [InlineData("-1")]
    [InlineData("abc")]
    public void MaxBalance_InvalidMax_IsRejected(string max)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new SetRules(fixture.SecurityId, [new MaxBalanceRule(max)]), Reasons.Reasons.InvalidArgument);
    }

    [Theory]
    [InlineData("100.01")]
    [InlineData("70.001")]
    [InlineData("-5")]
    public void MaxPercent_OutOfRange_IsRejected(string percent)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new SetRules(fixture.SecurityId, [new MaxBalanceRule(MaxPercentOfSupply: percent)]), Reasons.Reasons.InvalidArgument);
    }
}
