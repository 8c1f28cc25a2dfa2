using Registra.Amounts;
using Registra.Cli.Import.Ocf;
using Registra.CorporateActions;
using Registra.CorporateActions.Waterfall;
using Registra.Identifiers;

namespace Registra.Tests.Import;

/// <summary>The Meridian Harbor classes, imported from OCF, as a liquidation waterfall reads them.</summary>
public sealed class OcfWaterfallTests
{
    private static readonly DateTimeOffset ImportTime = new(2025, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private static (ImportPlan Plan, WaterfallModel Model) ImportModel()
    {
        var plan = OcfImporter.Plan(OcfTestData.MeridianHarbor);
        var register = new global::Registra.Register.Register();
        OcfImporter.Apply(plan, register, () => ImportTime);
        var usd = CurrencyCode.Parse("USD");
        var classes = register.State.Securities.Values.Select(security =>
        {
            var (terms, failures) = WaterfallTerms.Read(security.Id, security.Definition.Terms, usd);
            Assert.True(failures.Count == 0, string.Join(" ", failures.Select(f => f.Hint)));
            var holdings = register.Holders(security.Id)
                .GroupBy(h => h.IdentityId)
                .Select(g => new WaterfallHolding(g.Key, g.Aggregate(Amount.Zero, (sum, h) => sum.Plus(h.Balance))))
                .ToList();
            return new WaterfallClass(security.Id, security.Definition.Name, security.Definition.Decimals, terms!, holdings);
        });
        return (plan, WaterfallModel.Create(classes, usd));
    }

    [Fact]
    public void MeridianHarbor_ImportsWaterfallTerms()
    {
        var (plan, model) = ImportModel();
        var seriesA = model.Classes.Single(c => c.SecurityId == plan.SecurityIds["class-series-a"]).Terms;
        var seed = model.Classes.Single(c => c.SecurityId == plan.SecurityIds["class-seed"]).Terms;
        var common = model.Classes.Single(c => c.SecurityId == plan.SecurityIds["class-common"]).Terms;

        // Every class split 2-for-1 after its price was set, so the price per current share is half the OCF price.
        Assert.Equal(new WaterfallTerms(false, 3, Rational.One, null, Rational.Create(5, 4), true, Rational.FromInteger(3), Rational.One), seriesA);
        Assert.Equal(new WaterfallTerms(false, 2, Rational.One, null, Rational.Create(1, 2), false, null, Rational.One), seed);
        Assert.True(common.IsCommon);
    }

    [Theory]
    [InlineData(5_000_000_00, 5_000_000_00, 0, 0)]
    [InlineData(10_000_000_00, 9_810_000_00, 190_000_00, 0)]
    [InlineData(20_000_000_00, 12_258_027_36, 1_980_000_00, 5_761_972_64)]
    public void MeridianHarbor_Waterfall_PaysBySeniority(long exit, long seriesA, long seed, long common)
    {
        var (plan, model) = ImportModel();

        var outcome = model.Compute(exit);

        // Series A (seniority 3) takes 2.50 x 3,924,000 original shares first, then Seed (seniority 2) 1.00 x 1,980,000,
        // and Series A shares the rest with common as a participating class.
        Assert.Equal(seriesA, outcome.Classes.Single(c => c.SecurityId == plan.SecurityIds["class-series-a"]).Payout);
        Assert.Equal(seed, outcome.Classes.Single(c => c.SecurityId == plan.SecurityIds["class-seed"]).Payout);
        Assert.Equal(common, outcome.Classes.Single(c => c.SecurityId == plan.SecurityIds["class-common"]).Payout);
        Assert.Equal(exit, model.AllocateHolders(outcome).Sum(h => h.Total));
    }
}
