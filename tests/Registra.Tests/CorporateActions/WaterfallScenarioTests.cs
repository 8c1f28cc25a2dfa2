using Registra.CorporateActions.Waterfall;
using static Registra.Tests.CorporateActions.WaterfallBuilder;

namespace Registra.Tests.CorporateActions;

/// <summary>Worked liquidation-preference cases with known payouts, in whole dollars.</summary>
public sealed class WaterfallScenarioTests
{
    /// <summary>Series A 1x non-participating, 100,000 of 1,000,000 shares, 1,000,000 invested.</summary>
    private static WaterfallModel NonParticipating() => WaterfallModel.Create(
        [Class("series-a", Preferred("1000000"), ("investor", 100_000)), Common("common", 900_000)], Usd);

    [Theory]
    [InlineData(3_000_000, 1_000_000, 2_000_000, false)]
    [InlineData(11_000_000, 1_100_000, 9_900_000, true)]
    [InlineData(500_000, 500_000, 0, false)]
    [InlineData(1_000_000, 1_000_000, 0, false)]
    public void NonParticipating_Exits_PayPreferenceOrConvert(long exit, long seriesA, long common, bool converts)
    {
        var model = NonParticipating();

        var outcome = model.Compute(exit * 100);

        Assert.Equal(seriesA * 100, outcome.Classes.Single(c => c.SecurityId == "series-a").Payout);
        Assert.Equal(common * 100, outcome.Classes.Single(c => c.SecurityId == "common").Payout);
        Assert.Equal(converts, outcome.Classes.Single(c => c.SecurityId == "series-a").Converted);
    }

    [Fact]
    public void NonParticipating_AtBreakEven_IsIndifferent()
    {
        // At 10,000,000 the 10% as converted is exactly the 1,000,000 preference: either choice pays the same.
        var payouts = Dollars(NonParticipating(), 10_000_000);

        Assert.Equal(1_000_000m, payouts["series-a"]);
        Assert.Equal(9_000_000m, payouts["common"]);
    }

    /// <summary>A participating capped at 2x, B participating uncapped, common 700,000, A and B pari passu.</summary>
    private static WaterfallModel Participating() => WaterfallModel.Create(
    [
        Class("series-a", Preferred("2000000", cap: "2", participating: true), ("a-investor", 200_000)),
        Class("series-b", Preferred("1000000", participating: true), ("b-investor", 100_000)),
        Common("common", 700_000),
    ], Usd);

    [Theory]
    [InlineData(6_000_000, 2_600_000, 1_300_000, 2_100_000)]
    [InlineData(20_000_000, 4_000_000, 2_875_000, 13_125_000)]
    public void Participating_Exits_ShareResidualUnderCap(long exit, long seriesA, long seriesB, long common)
    {
        var payouts = Dollars(Participating(), exit);

        Assert.Equal(seriesA, payouts["series-a"]);
        Assert.Equal(seriesB, payouts["series-b"]);
        Assert.Equal(common, payouts["common"]);
    }

    [Fact]
    public void CappedParticipating_AtCap_BindsExactly()
    {
        var model = WaterfallModel.Create(
            [Class("series-a", Preferred("2000000", cap: "2", participating: true), ("investor", 200_000)), Common("common", 800_000)], Usd);

        var outcome = model.Compute(12_000_000_00);

        var seriesA = outcome.Classes.Single(c => c.SecurityId == "series-a");
        Assert.Equal(4_000_000_00, seriesA.Payout);
        Assert.Equal(Registra.CorporateActions.Rational.FromInteger(4_000_000_00), seriesA.Exact);
        Assert.False(seriesA.Converted);
        Assert.Equal(8_000_000_00, outcome.Classes.Single(c => c.SecurityId == "common").Payout);
    }

    [Fact]
    public void CappedParticipating_FarAboveCap_Converts()
    {
        var model = WaterfallModel.Create(
            [Class("series-a", Preferred("2000000", cap: "2", participating: true), ("investor", 200_000)), Common("common", 800_000)], Usd);

        var payouts = Dollars(model, 30_000_000);

        Assert.Equal(6_000_000m, payouts["series-a"]);
        Assert.Equal(24_000_000m, payouts["common"]);
    }

    [Theory]
    [InlineData(3_000_000, 3_000_000, 0, 0)]
    [InlineData(4_000_000, 4_000_000, 0, 0)]
    [InlineData(5_000_000, 4_000_000, 1_000_000, 0)]
    [InlineData(6_000_000, 4_000_000, 1_000_000, 1_000_000)]
    public void SeniorPreference_PaidBeforeJuniors(long exit, long senior, long junior, long common)
    {
        var model = WaterfallModel.Create(
        [
            Class("senior", Preferred("2000000", multiple: "2", seniority: "2"), ("senior-investor", 100_000)),
            Class("junior", Preferred("1000000", seniority: "1"), ("junior-investor", 100_000)),
            Common("common", 800_000),
        ], Usd);

        var payouts = Dollars(model, exit);

        Assert.Equal(senior, payouts["senior"]);
        Assert.Equal(junior, payouts["junior"]);
        Assert.Equal(common, payouts["common"]);
    }

    [Fact]
    public void EqualSeniority_ShortExit_SharesProRataToPreference()
    {
        var model = WaterfallModel.Create(
        [
            Class("series-a", Preferred("3000000"), ("a", 100_000)),
            Class("series-b", Preferred("1000000"), ("b", 100_000)),
            Common("common", 800_000),
        ], Usd);

        var payouts = Dollars(model, 2_000_000);

        Assert.Equal(1_500_000m, payouts["series-a"]);
        Assert.Equal(500_000m, payouts["series-b"]);
        Assert.Equal(0m, payouts["common"]);
    }
}
