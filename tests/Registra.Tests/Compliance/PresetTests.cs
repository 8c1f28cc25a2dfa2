using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Tests.Register;

namespace Registra.Tests.Compliance;

public sealed class PresetTests
{
    private const string Alice = RegisterFixture.Alice;

    private static List<Rule> Expand(string name, Dictionary<string, string>? parameters = null)
    {
        var preset = Presets.Expand(name, parameters);
        Assert.Null(preset.Error);
        return [.. preset.Rules];
    }

    [Fact]
    public void RegD506b_Allows35NonAccredited()
    {
        var rule = Assert.Single(Expand("reg_d_506b").OfType<MaxHoldersRule>());

        Assert.Equal(35, rule.Max);
        Assert.Equal(MaxHoldersRule.NonAccredited, rule.Category);
    }

    [Fact]
    public void RegD506c_RequiresAccredited()
    {
        var rules = Expand("reg_d_506c");

        var eligibility = Assert.Single(rules.OfType<EligibilityRule>());
        Assert.Equal(ClaimTypes.Accredited, eligibility.Requirement);
        Assert.Contains(ClaimTypes.Accredited, Assert.Single(rules.OfType<IdentityVerifiedRule>()).ClaimTypes);
    }

    [Theory]
    [InlineData("true", "P6M")]
    [InlineData("false", "P12M")]
    public void Rule144_HoldingPeriod_DependsOnReporting(string reporting, string period)
    {
        var rule = Assert.Single(Expand("rule_144", new() { ["reporting"] = reporting }).OfType<HoldingPeriodRule>());

        Assert.Equal(period, rule.Period);
    }

    [Fact]
    public void Rule144_WithoutParameters_IsNonReporting()
    {
        var rule = Assert.Single(Expand("rule_144").OfType<HoldingPeriodRule>());

        Assert.Equal("P12M", rule.Period);
    }

    [Fact]
    public void Rule144_InvalidReporting_IsRejected()
    {
        var preset = Presets.Expand("rule_144", new Dictionary<string, string> { ["reporting"] = "yes" });

        Assert.NotNull(preset.Error);
        Assert.Empty(preset.Rules);
    }

    [Fact]
    public void Section12g_KeepsBelowThresholds()
    {
        var rules = Expand("section_12g").OfType<MaxHoldersRule>().ToList();

        Assert.Contains(rules, rule => rule.Max == 1999 && rule.Category is null);
        Assert.Contains(rules, rule => rule.Max == 499 && rule.Category == MaxHoldersRule.NonAccredited);
    }

    [Fact]
    public void Preset_UnknownName_IsRejected()
    {
        var preset = Presets.Expand("reg_z");

        Assert.NotNull(preset.Error);
        Assert.Contains("reg_d_506b", preset.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reg_d_506b")]
    [InlineData("reg_d_506c")]
    [InlineData("rule_144")]
    [InlineData("section_12g")]
    public void Preset_Applied_IsStoredAsRules(string name)
    {
        var fixture = RegisterFixture.Create();
        var rules = Expand(name);

        fixture.MustExecute(new SetRules(fixture.SecurityId, rules));

        // Rules holding lists compare by reference, so the stored form is compared as JSON.
        Assert.Equal(RuleSet.ToJson(rules), RuleSet.ToJson(fixture.Security.Rules.Rules));
    }

    [Fact]
    public void Preset_AppliedRule_CanBeEdited()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new SetRules(fixture.SecurityId, Expand("reg_d_506b")));
        var stored = fixture.Security.Rules;

        var edited = stored.Rules.Select(rule => rule is MaxHoldersRule holders ? holders with { Max = 10 } : rule).ToList();
        fixture.MustExecute(new SetRules(fixture.SecurityId, edited, ExpectedVersion: stored.Version));

        Assert.Equal(10, fixture.Security.Rules.Find<MaxHoldersRule>()!.Max);
        Assert.Equal(stored.Version + 1, fixture.Security.Rules.Version);
    }

    [Fact]
    public void SetRules_StaleVersion_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        var version = fixture.Security.Rules.Version;
        fixture.MustExecute(new SetRules(fixture.SecurityId, Expand("rule_144")));

        fixture.AssertRejected(new SetRules(fixture.SecurityId, Expand("section_12g"), ExpectedVersion: version), Reasons.Reasons.VersionMismatch);
    }

    [Fact]
    public void RegD506c_NonAccreditedReceiver_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.AddClaim("alice", ClaimTypes.Accredited, "true");
        var nina = fixture.AddInvestor("nina");
        fixture.AddClaim("nina", ClaimTypes.Accredited, "false");
        fixture.MustExecute(new SetRules(fixture.SecurityId, Expand("reg_d_506c")));

        fixture.AssertRejected(new Issue(fixture.SecurityId, nina, Amount.FromUnits(10)), Reasons.Reasons.InvestorNotEligible);
    }

    public static TheoryData<Rule> EveryRuleType => new()
    {
        new IdentityVerifiedRule([ClaimTypes.Kyc]),
        new CountryRule(Block: ["KP"]),
        new CountryRule(Allow: ["DE", "FR"]),
        new EligibilityRule(ClaimTypes.Accredited),
        new EligibilityRule(ClaimTypes.QualifiedPurchaser, ["US"]),
        new MaxHoldersRule(3),
        new MaxHoldersRule(3, "DE", MaxHoldersRule.NonAccredited) { Label = "per country" },
        new MaxBalanceRule("100"),
        new MaxBalanceRule(MaxPercentOfSupply: "4.99"),
        new MinHoldingRule(Lot: "10"),
        new HoldingPeriodRule("P6M"),
        new LockUpRule(RegisterFixture.DefaultStart.AddYears(1)),
        new DistributionCompliancePeriodRule(RegisterFixture.DefaultStart.AddDays(40)),
        new VolumeLimitRule("6", "PT24H"),
        new IssuerApprovalRule(),
    };

    [Theory]
    [MemberData(nameof(EveryRuleType))]
    public void RuleJson_EveryRuleType_RoundTrips(Rule rule)
    {
        var read = Assert.Single(RuleSet.FromJson(RuleSet.ToJson([rule])));

        Assert.Equal(RuleSet.ToJson([rule]), RuleSet.ToJson([read]));
    }

    [Theory]
    [MemberData(nameof(EveryRuleType))]
    public void SetRules_EveryRuleType_IsApplied(Rule rule)
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(new SetRules(fixture.SecurityId, [rule]));

        Assert.Equal(RuleSet.ToJson([rule]), RuleSet.ToJson(fixture.Security.Rules.Rules));
        Assert.Equal(1000, fixture.Balance(Alice));
    }
}
