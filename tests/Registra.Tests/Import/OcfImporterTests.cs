using System.Text.Json;
using Registra.Amounts;
using Registra.Cli.Import.Ocf;
using Registra.Commands;
using Registra.Identities;
using Registra.Register;
using Registra.Securities;

namespace Registra.Tests.Import;

public sealed class OcfImporterTests
{
    private static readonly DateTimeOffset ImportTime = new(2025, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private static (ImportPlan Plan, ImportResult Result, global::Registra.Register.Register Register) ImportMeridianHarbor()
    {
        var plan = OcfImporter.Plan(OcfTestData.MeridianHarbor);
        var register = new global::Registra.Register.Register();
        var result = OcfImporter.Apply(plan, register, () => ImportTime);
        return (plan, result, register);
    }

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MeridianHarbor_MatchesExpectedJson()
    {
        var (plan, _, register) = ImportMeridianHarbor();
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(OcfTestData.MeridianHarbor, "expected.json")));
        var root = expected.RootElement;

        Assert.Equal(root.GetProperty("stakeholders").GetInt32(), register.State.Identities.Count);
        Assert.Equal(root.GetProperty("stakeholders").GetInt32(), plan.StakeholderCount);
        Assert.Equal(root.GetProperty("transactions").GetInt32(), plan.TransactionCount);

        var holders = register.State.Securities.Values
            .SelectMany(security => security.Holders.Where(pair => pair.Value.Total.IsPositive).Select(pair => pair.Key))
            .ToHashSet();
        Assert.Equal(root.GetProperty("holders_after").GetInt32(), holders.Count);

        var shares = root.GetProperty("shares_after_split_by_class");
        Assert.Equal(shares.EnumerateObject().Count(), register.State.Securities.Count);
        foreach (var stockClass in shares.EnumerateObject())
        {
            var security = register.State.Securities[plan.SecurityIds[stockClass.Name]];
            Assert.Equal(Amount.FromUnits(stockClass.Value.GetInt64()), security.Supply);
        }
    }

    [Fact]
    public void MeridianHarbor_ReportsOnlyLegendTemplate()
    {
        var (plan, result, _) = ImportMeridianHarbor();

        var issue = Assert.Single(result.Issues);
        Assert.Same(plan.Report.Issues[0], issue);
        Assert.Equal("StockLegends.ocf.json", issue.File);
        Assert.Equal("legend-restricted", issue.ObjectId);
        Assert.Contains("no register equivalent", issue.Reason, StringComparison.Ordinal);
        Assert.Equal(plan.Steps.Count, result.Accepted);
    }

    [Fact]
    public void MeridianHarbor_KeepsInvariants()
    {
        var (_, _, register) = ImportMeridianHarbor();

        Assert.Empty(Invariants.Check(register.State));
    }

    [Fact]
    public void PartialTransfer_RemainderKeepsOriginalLot()
    {
        // tx-0162 moves 55000 of sh-0053's 110000 Series Seed shares (issued 2021-06-15) to sh-0059;
        // OCF records the other 55000 as a new issuance dated 2024-02-20.
        var (plan, _, register) = ImportMeridianHarbor();
        var seed = plan.SecurityIds["class-seed"];

        var seller = register.PositionOf(seed, "sh-0053");

        Assert.NotNull(seller);
        Assert.Equal(Amount.FromUnits(110_000), seller.Balance);
        var lot = Assert.Single(seller.Lots);
        Assert.Equal(new Lot(Amount.FromUnits(110_000), Day(2021, 6, 15)), lot);
    }

    [Fact]
    public void Repurchase_RemainderKeepsOriginalLot()
    {
        // tx-0149 repurchases 62000 of sh-0010's 124000 common shares issued 2021-06-01.
        var (plan, _, register) = ImportMeridianHarbor();
        var common = plan.SecurityIds["class-common"];

        var holder = register.PositionOf(common, "sh-0010");

        Assert.NotNull(holder);
        var lot = Assert.Single(holder.Lots);
        Assert.Equal(new Lot(Amount.FromUnits(124_000), Day(2021, 6, 1)), lot);
    }

    [Fact]
    public void MeridianHarbor_PlansRemainderWithoutIssue()
    {
        var plan = OcfImporter.Plan(OcfTestData.MeridianHarbor);

        Assert.DoesNotContain(plan.Steps, step => step.ObjectId == "tx-0164");
        var transfer = Assert.Single(plan.Steps, step => step.ObjectId == "tx-0162");
        var forced = Assert.IsType<ForcedTransfer>(transfer.Command);
        Assert.Equal("sh-0053", forced.FromAccountId);
        Assert.Equal("sh-0059", forced.ToAccountId);
        Assert.Equal(Amount.FromUnits(55_000), forced.Amount);
        Assert.Equal(OcfImporter.OverrideReason, forced.OverrideReason);
    }

    [Fact]
    public void MeridianHarbor_PlansHistoryInDateOrder()
    {
        var plan = OcfImporter.Plan(OcfTestData.MeridianHarbor);
        var kinds = plan.Commands.Select(command => command.GetType()).ToList();

        Assert.Equal(typeof(CreateIssuer), kinds[0]);
        Assert.Equal(typeof(RegisterClaimIssuer), kinds[1]);
        Assert.Equal(3, kinds.Count(kind => kind == typeof(SplitSecurity)));
        Assert.True(kinds.LastIndexOf(typeof(CreateSecurity)) < kinds.IndexOf(typeof(Issue)));
        Assert.Equal(typeof(SplitSecurity), kinds[^1]);
        var repurchase = plan.Steps.Single(step => step.ObjectId == "tx-0149");
        var lastEarlierIssue = plan.Steps.Last(step => step.ObjectId == "tx-0148");
        Assert.IsType<Redeem>(repurchase.Command);
        Assert.True(plan.Steps.ToList().IndexOf(lastEarlierIssue) < plan.Steps.ToList().IndexOf(repurchase));
    }

    [Fact]
    public void MeridianHarbor_CopiesClassTerms()
    {
        var (plan, _, register) = ImportMeridianHarbor();
        var seriesA = register.State.Securities[plan.SecurityIds["class-series-a"]].Definition;

        Assert.Equal(AssetClass.Equity, seriesA.AssetClass);
        Assert.Equal(0, seriesA.Decimals);
        Assert.Equal("class-series-a", seriesA.Terms["ocf_stock_class_id"]);
        Assert.Equal("PREFERRED", seriesA.Terms["class_type"]);
        Assert.Equal("3", seriesA.Terms["seniority"]);
        Assert.Equal("1", seriesA.Terms["liquidation_preference_multiple"]);
        Assert.Equal("3", seriesA.Terms["participation_cap_multiple"]);
        Assert.Equal("1/1", seriesA.Terms["conversion_ratio"]);
        Assert.Equal("2.50 USD", seriesA.Terms["price_per_share"]);
        Assert.Equal("2023-02-20", seriesA.Terms["board_approval_date"]);
        Assert.Equal("class-common", seriesA.Terms["converts_to_stock_class_id"]);
        Assert.Equal(plan.SecurityIds["class-common"], seriesA.Terms["converts_to_security_id"]);
    }

    [Fact]
    public void MeridianHarbor_AddsJurisdictionClaims()
    {
        var (_, _, register) = ImportMeridianHarbor();
        var identity = register.State.Identities["sh-0001"];

        var claim = identity.FindValidClaim(ClaimTypes.Jurisdiction, ImportTime, new HashSet<string>());

        Assert.NotNull(claim);
        Assert.Equal("US", claim.Value);
        Assert.Equal(OcfImporter.ClaimIssuerId, claim.IssuerId);
        Assert.Equal(IdentityKind.Individual, identity.Kind);
        Assert.Equal(["sh-0001"], identity.Accounts);
    }

    [Fact]
    public void MeridianHarbor_ImportedTwiceStopsAtIssuer()
    {
        var plan = OcfImporter.Plan(OcfTestData.MeridianHarbor);
        var register = new global::Registra.Register.Register();
        OcfImporter.Apply(plan, register, () => ImportTime);
        var sequence = register.State.LastSequence;

        var again = OcfImporter.Apply(plan, register, () => ImportTime);

        var rejected = Assert.Single(again.Issues, issue => issue.Command is not null);
        Assert.IsType<CreateIssuer>(rejected.Command);
        Assert.Equal("already_exists", rejected.Failures[0].Code.Name);
        Assert.Equal(0, again.Accepted);
        Assert.Equal(sequence, register.State.LastSequence);
    }
}
