using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.CorporateActions.Distributions;
using Registra.Identities;
using Registra.Register;
using Registra.Tests.Register;

namespace Registra.Tests.CorporateActions;

/// <summary>The distribution scenarios: record-instant balances, exclusions, withholding and exact totals.</summary>
public sealed class DistributionScenarioTests
{
    [Fact]
    public void Dividend_SaleAfterRecord_KeepsRecordPayouts()
    {
        // Alice (H1) holds 1 and Bob (H2) holds 2 at the record instant; Alice sells to Bob after it.
        var fixture = RegisterFixture.Create(alice: 1, bob: 2);
        fixture.OpenCash(CashOwnerKind.Identity, "alice");
        fixture.OpenCash(CashOwnerKind.Identity, "bob");
        fixture.FundIssuer("1.50");
        fixture.Advance(TimeSpan.FromHours(1));
        var recordAt = fixture.Now;
        var id = fixture.AnnounceDividend("1.5", recordAt: recordAt, paymentAt: recordAt.AddDays(2));

        fixture.Advance(TimeSpan.FromDays(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Amount.FromUnits(1)));
        fixture.Advance(TimeSpan.FromDays(1));
        fixture.MustExecute(new PayDistribution(id));

        Assert.Equal("0.5", fixture.IdentityCash("alice"));
        Assert.Equal("1", fixture.IdentityCash("bob"));
        Assert.Equal("0", fixture.Cash(CashOwnerKind.Issuer, RegisterFixture.IssuerId));
        Assert.Equal(0, fixture.Balance(RegisterFixture.Alice));
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void Dividend_ExcludedTreasury_LeavesDenominator()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.AddHolder("h1", 1);
        fixture.AddHolder("h2", 3);
        fixture.AddHolder("h3", 7);
        fixture.FundIssuer("10");
        var id = fixture.AnnounceDividend("10", excluded: ["h1"]);

        fixture.MustExecute(new PayDistribution(id));

        Assert.Equal("0", fixture.IdentityCash("h1"));
        Assert.Equal("3", fixture.IdentityCash("h2"));
        Assert.Equal("7", fixture.IdentityCash("h3"));
        Assert.Equal(2, fixture.Distribution(id).Payouts.Count);
        Assert.Equal(10, (long)fixture.Distribution(id).EligibleUnits.Units);
    }

    [Fact]
    public void Dividend_SecondPayment_IsRejected()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.AddHolder("h1", 1);
        fixture.AddHolder("h2", 3);
        fixture.AddHolder("h3", 7);
        fixture.FundIssuer("20");
        var id = fixture.AnnounceDividend("10", excluded: ["h1"]);
        fixture.MustExecute(new PayDistribution(id));

        fixture.AssertRejected(new PayDistribution(id), Registra.Reasons.Reasons.DistributionAlreadyPaid);
        fixture.AssertRejected(new ClaimDistribution(id, "h2"), Registra.Reasons.Reasons.DistributionAlreadyPaid);
        fixture.AssertRejected(new ClaimDistribution(id, "h1"), Registra.Reasons.Reasons.NothingUnclaimed);

        Assert.Equal("3", fixture.IdentityCash("h2"));
        Assert.Equal("10", fixture.Cash(CashOwnerKind.Issuer, RegisterFixture.IssuerId));
    }

    [Fact]
    public void Withholding_ByIdentityAndJurisdiction_SplitsNetAndTax()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.AddHolder("h1", 1);
        fixture.AddHolder("h2", 2);
        fixture.AddHolder("h3", 7);
        fixture.AddHolder("h4", 1);
        fixture.AddClaim("h4", ClaimTypes.Jurisdiction, "DE");
        fixture.FundIssuer("10");
        var id = fixture.AnnounceDividend("10", excluded: ["h1"],
            byIdentity: new Dictionary<string, string> { ["h2"] = "100" },
            byJurisdiction: new Dictionary<string, string> { ["DE"] = "20" });

        var paid = fixture.MustExecute(new PayDistribution(id));

        Assert.Equal("0", fixture.IdentityCash("h2"));
        Assert.Equal("0.8", fixture.IdentityCash("h4"));
        Assert.Equal("7", fixture.IdentityCash("h3"));
        Assert.Equal(200, (long)fixture.Payout(id, "h2").Withheld);
        Assert.Equal(20, (long)fixture.Payout(id, "h4").Withheld);
        Assert.Equal(0, (long)fixture.Payout(id, "h3").Withheld);
        Assert.Equal(220, (long)fixture.Distribution(id).Withheld.Units);
        Assert.Equal("2.2", fixture.Cash(CashOwnerKind.IssuerTax, RegisterFixture.IssuerId));
        Assert.Single(paid.Events.OfType<DistributionPaid>());
    }

    [Fact]
    public void Withholding_TaxAccount_CreditedOnceAcrossClaims()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.AddHolder("h2", 2, withCash: false);
        fixture.AddHolder("h3", 8);
        fixture.FundIssuer("10");
        var id = fixture.AnnounceDividend("10", byIdentity: new Dictionary<string, string> { ["h2"] = "25" });
        fixture.MustExecute(new PayDistribution(id));
        fixture.OpenCash(CashOwnerKind.Identity, "h2");

        fixture.MustExecute(new ClaimDistribution(id, "h2"));

        Assert.Equal("1.5", fixture.IdentityCash("h2"));
        Assert.Equal("0.5", fixture.Cash(CashOwnerKind.IssuerTax, RegisterFixture.IssuerId));
        Assert.Equal(PayoutStatus.Claimed, fixture.Payout(id, "h2").Status);
        fixture.AssertRejected(new ClaimDistribution(id, "h2"), Registra.Reasons.Reasons.DistributionAlreadyPaid);
    }

    [Fact]
    public void Distribution_ZeroEligibleSupply_IsRejected()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.FundIssuer("10");
        var empty = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));
        fixture.AddHolder("treasury", 5);

        fixture.AssertRejected(new AnnounceDistribution(fixture.SecurityId, DistributionKind.Dividend, "USD", DistributionBasis.Total, "10",
            empty, fixture.Now), Registra.Reasons.Reasons.NoEligibleSupply);
        fixture.AssertRejected(new AnnounceDistribution(fixture.SecurityId, DistributionKind.Dividend, "USD", DistributionBasis.Total, "10",
            fixture.Now, fixture.Now, Excluded: ["treasury"]), Registra.Reasons.Reasons.NoEligibleSupply);
    }

    [Fact]
    public void Distribution_FutureRecordWithoutHolders_RejectedAtPayment()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.FundIssuer("10");
        var id = fixture.AnnounceDividend("10", recordAt: fixture.Now.AddDays(1));
        fixture.Advance(TimeSpan.FromDays(2));

        fixture.AssertRejected(new PayDistribution(id), Registra.Reasons.Reasons.NoEligibleSupply);
    }

    [Fact]
    public void Dividend_MillionDollarsUnevenHolders_PaysExactTotal()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        var random = new Random(7);
        const int holders = 5_000;
        for (var i = 0; i < holders; i++)
        {
            fixture.AddHolder($"h{i:D5}", 1 + random.Next(1, 1_000_000), withCash: i % 10 != 0);
        }

        fixture.FundIssuer("1000000.00");
        var id = fixture.MustExecute(new AnnounceDistribution(fixture.SecurityId, DistributionKind.Dividend, "USD", DistributionBasis.Total,
            "1000000.00", fixture.Now, fixture.Now, DefaultWithholdingPercent: "15", WithholdingByIdentity: new Dictionary<string, string> { ["h00003"] = "30" })).CreatedId!;

        fixture.MustExecute(new PayDistribution(id));

        var distribution = fixture.Distribution(id);
        var net = distribution.Payouts.Aggregate(Int128.Zero, (sum, p) => sum + p.Net);
        var withheld = distribution.Payouts.Aggregate(Int128.Zero, (sum, p) => sum + p.Withheld);
        Assert.Equal(100_000_000, (long)(net + withheld));
        Assert.Equal(100_000_000, (long)distribution.Gross.Units);
        Assert.Equal(distribution.Gross, distribution.NetPaid.Plus(distribution.Withheld).Plus(distribution.Unclaimed));
        Assert.Equal("0", fixture.Cash(CashOwnerKind.Issuer, RegisterFixture.IssuerId));
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void Allocate_MillionUnevenWeights_LosesNoMinorUnit()
    {
        var random = new Random(11);
        var weights = new Int128[1_000_000];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = random.Next(1, 10_000_000);
        }

        var shares = DistributionMath.Allocate(100_000_000, weights);

        Assert.Equal(100_000_000, (long)shares.Aggregate(Int128.Zero, (sum, share) => sum + share));
    }
}
