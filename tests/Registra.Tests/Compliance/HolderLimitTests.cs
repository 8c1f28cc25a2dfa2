using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Tests.Register;

namespace Registra.Tests.Compliance;

public sealed class HolderLimitTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    private static Amount Units(long units) => Amount.FromUnits(units);

    private static Rule[] KycAndMaxHolders(int max) => [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(max)];

    [Fact]
    public void MaxHolders_IssueToThirdInvestor_IsRejected()
    {
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(2));
        var carla = fixture.AddInvestor("carla");

        var failures = fixture.AssertRejected(new Issue(fixture.SecurityId, carla, Units(10)), Reasons.Reasons.MaxHoldersReached);

        Assert.Equal(2, fixture.HolderCount);
        Assert.Equal("2", failures[0].Limit);
        Assert.Equal("2", failures[0].Current);
    }

    [Fact]
    public void MaxHolders_TransferToThirdInvestor_IsRejected()
    {
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(2));
        var carla = fixture.AddInvestor("carla");

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, carla, Units(10)), Reasons.Reasons.MaxHoldersReached);

        Assert.Equal(2, fixture.HolderCount);
    }

    [Fact]
    public void MaxHolders_BetweenExistingHolders_Succeeds()
    {
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(2));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Units(10)));

        Assert.Equal(510, fixture.Balance(Bob));
    }

    [Fact]
    public void MaxHolders_LoweredBelowCount_ExistingHoldersTrade()
    {
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(1));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Units(10)));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Bob, Alice, Units(5)));

        Assert.Equal(995, fixture.Balance(Alice));
        Assert.Equal(2, fixture.HolderCount);
    }

    [Fact]
    public void MaxHolders_LoweredBelowCount_NewHolderRejected()
    {
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(1));
        var carla = fixture.AddInvestor("carla");

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, carla, Units(10)), Reasons.Reasons.MaxHoldersReached);
    }

    [Fact]
    public void MaxHolders_LoweredBelowCount_CountFallsWhenHolderLeaves()
    {
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(1));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Units(1000)));

        Assert.Equal(1, fixture.HolderCount);
        Assert.Equal(1500, fixture.Balance(Bob));
    }

    [Fact]
    public void MaxHolders_AtCapSenderLeaves_NewHolderAllowed()
    {
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(2));
        var carla = fixture.AddInvestor("carla");

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, carla, Units(1000)));

        Assert.Equal(2, fixture.HolderCount);
        Assert.Equal(1000, fixture.Balance(carla));
    }

    [Fact]
    public void MaxHolders_AtCapSenderKeepsPart_IsRejected()
    {
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(2));
        var carla = fixture.AddInvestor("carla");

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, carla, Units(999)), Reasons.Reasons.MaxHoldersReached);
    }

    [Fact]
    public void MaxHolders_SenderWithOtherAccount_DoesNotLeave()
    {
        // Alice keeps units on a second account, so she stays a holder and the count would grow.
        var fixture = RegisterFixture.Create(rules: KycAndMaxHolders(2));
        fixture.MustExecute(new AddAccount("alice", "alice-2"));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, "alice-2", Units(1)));
        var carla = fixture.AddInvestor("carla");

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, carla, Units(999)), Reasons.Reasons.MaxHoldersReached);
    }

    [Fact]
    public void MaxHoldersPerCountry_OtherCountry_IsNotCounted()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(1, Country: "DE")]);
        var dieter = fixture.AddInvestor("dieter", (ClaimTypes.Jurisdiction, "DE"));
        var dana = fixture.AddInvestor("dana", (ClaimTypes.Jurisdiction, "DE"));
        var franz = fixture.AddInvestor("franz", (ClaimTypes.Jurisdiction, "FR"));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, dieter, Units(10)));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, dana, Units(10)), Reasons.Reasons.MaxHoldersReached);
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, franz, Units(10)));

        Assert.Equal(4, fixture.HolderCount);
    }
}
