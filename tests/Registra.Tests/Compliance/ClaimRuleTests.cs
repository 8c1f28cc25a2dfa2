using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Tests.Register;

namespace Registra.Tests.Compliance;

/// <summary>Country lists, identity verification and claim validity.</summary>
public sealed class ClaimRuleTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    private static readonly DateTimeOffset ClaimEnd = DateTimeOffset.Parse("2026-06-30T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Amount Units(long units) => Amount.FromUnits(units);

    private static RegisterFixture BlockingKpAndIr() =>
        RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new CountryRule(Block: ["KP", "IR"])]);

    [Fact]
    public void CountryBlock_BlockedReceiver_IsRejected()
    {
        var fixture = BlockingKpAndIr();
        var kim = fixture.AddInvestor("kim", (ClaimTypes.Jurisdiction, "KP"));

        var failures = fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, kim, Units(10)), Reasons.Reasons.CountryNotAllowed);

        Assert.Equal("KP", failures[0].Current);
    }

    [Fact]
    public void CountryBlock_LowerCaseClaim_IsRejected()
    {
        var fixture = BlockingKpAndIr();
        var reza = fixture.AddInvestor("reza", (ClaimTypes.Jurisdiction, "ir"));

        fixture.AssertRejected(new Issue(fixture.SecurityId, reza, Units(10)), Reasons.Reasons.CountryNotAllowed);
    }

    [Fact]
    public void CountryBlock_AllowedReceiver_Succeeds()
    {
        var fixture = BlockingKpAndIr();
        var dieter = fixture.AddInvestor("dieter", (ClaimTypes.Jurisdiction, "DE"));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, dieter, Units(10)));

        Assert.Equal(10, fixture.Balance(dieter));
    }

    [Fact]
    public void CountryAllow_ReceiverWithoutJurisdiction_IsRejected()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new CountryRule(Allow: ["DE"])]);

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(10)), Reasons.Reasons.CountryNotAllowed);
    }

    [Fact]
    public void CountryRule_EmptyLists_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new SetRules(fixture.SecurityId, [new CountryRule()]), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void ExpiredSenderClaim_AtHolderCap_IsSenderNotVerified()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0);
        var anna = fixture.AddInvestor("anna");
        var ben = fixture.AddInvestor("ben");
        fixture.MustExecute(new RevokeClaim("anna", "anna-kyc-1"));
        fixture.AddClaim("anna", ClaimTypes.Kyc, "true", validUntil: fixture.Now.AddDays(30));
        fixture.MustExecute(new Issue(fixture.SecurityId, anna, Units(100)));
        fixture.MustExecute(new Issue(fixture.SecurityId, ben, Units(100)));
        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(2));
        fixture.Advance(TimeSpan.FromDays(31));

        var failures = fixture.AssertRejected(new Transfer(fixture.SecurityId, anna, ben, Units(10)), Reasons.Reasons.SenderNotVerified);

        Assert.DoesNotContain(Reasons.Reasons.MaxHoldersReached.Name, RegisterFixture.Codes(failures));
        Assert.Single(failures);
    }

    [Fact]
    public void ClaimFromUntrustedIssuer_DoesNotCount()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new RegisterClaimIssuer("other-co", "Other Co"));
        fixture.MustExecute(new RegisterIdentity("ulla", IdentityKind.Individual, "Ulla"));
        fixture.MustExecute(new AddAccount("ulla", "ulla-1"));
        fixture.AddClaim("ulla", ClaimTypes.Kyc, "true", issuerId: "other-co");

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, "ulla-1", Units(10)), Reasons.Reasons.ReceiverNotVerified);
    }

    [Fact]
    public void ClaimFromIssuerTrustedLater_Counts()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new RegisterClaimIssuer("other-co", "Other Co"));
        fixture.MustExecute(new RegisterIdentity("ulla", IdentityKind.Individual, "Ulla"));
        fixture.MustExecute(new AddAccount("ulla", "ulla-1"));
        fixture.AddClaim("ulla", ClaimTypes.Kyc, "true", issuerId: "other-co");
        fixture.MustExecute(new AddTrustedIssuer(fixture.SecurityId, "other-co"));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, "ulla-1", Units(10)));

        Assert.Equal(10, fixture.Balance("ulla-1"));
    }

    [Fact]
    public void RevokedClaim_DoesNotCount()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new RevokeClaim("bob", "bob-kyc-1"));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(10)), Reasons.Reasons.ReceiverNotVerified);
    }

    [Fact]
    public void RevokeClaim_Twice_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new RevokeClaim("bob", "bob-kyc-1"));

        fixture.AssertRejected(new RevokeClaim("bob", "bob-kyc-1"), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void ClaimValidUntil_LastSecond_Counts()
    {
        var fixture = BobClaimEndingMidYear();
        fixture.AdvanceTo(ClaimEnd.AddSeconds(-1));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Units(10)));

        Assert.Equal(510, fixture.Balance(Bob));
    }

    [Fact]
    public void ClaimValidUntil_AtEnd_DoesNotCount()
    {
        var fixture = BobClaimEndingMidYear();
        fixture.AdvanceTo(ClaimEnd);

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(10)), Reasons.Reasons.ReceiverNotVerified);
    }

    [Fact]
    public void NoRequiredClaims_AcceptsRegisteredIdentity()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([])]);
        fixture.MustExecute(new RegisterIdentity("nora", IdentityKind.Individual, "Nora"));
        fixture.MustExecute(new AddAccount("nora", "nora-1"));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, "nora-1", Units(10)));

        Assert.Equal(10, fixture.Balance("nora-1"));
    }

    [Fact]
    public void NoRequiredClaims_RejectsUnknownAccount()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([])]);

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, RegisterFixture.Carol, Units(10)), Reasons.Reasons.ReceiverNotVerified);
    }

    /// <summary>Bob's only KYC claim is valid until 2026-06-30T00:00:00Z.</summary>
    private static RegisterFixture BobClaimEndingMidYear()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new RevokeClaim("bob", "bob-kyc-1"));
        fixture.AddClaim("bob", ClaimTypes.Kyc, "true", validUntil: ClaimEnd);
        return fixture;
    }
}
