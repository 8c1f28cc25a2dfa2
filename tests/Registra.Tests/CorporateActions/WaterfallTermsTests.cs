using Registra.CorporateActions;
using Registra.CorporateActions.Waterfall;
using Registra.Identifiers;
using static Registra.Tests.CorporateActions.WaterfallBuilder;

namespace Registra.Tests.CorporateActions;

public sealed class WaterfallTermsTests
{
    [Theory]
    [InlineData("conversion_ratio", "0", "conversion_ratio")]
    [InlineData("conversion_ratio", "0/1", "conversion_ratio")]
    [InlineData("conversion_ratio", "1/0", "conversion_ratio")]
    [InlineData("conversion_ratio", "-1", "conversion_ratio")]
    [InlineData("participation_cap_multiple", "0.5", "participation_cap_multiple")]
    [InlineData("liquidation_preference_multiple", "-1", "liquidation_preference_multiple")]
    [InlineData("seniority", "senior", "seniority")]
    [InlineData("invested_amount", "1000000.00 EUR", "invested_amount")]
    [InlineData("invested_amount", "lots", "invested_amount")]
    [InlineData("participating", "maybe", "participating")]
    [InlineData("class_type", "WARRANT", "class_type")]
    [InlineData("price_split_ratio", "0", "price_split_ratio")]
    public void BadTerm_ReadFails_NamesTheKey(string key, string value, string failingKey)
    {
        var terms = Preferred("1000000", participating: true);
        terms[key] = value;

        var (parsed, failures) = WaterfallTerms.Read("series-a", terms, Usd);

        Assert.Null(parsed);
        var failure = Assert.Single(failures);
        Assert.Equal("invalid_terms", failure.Code.Name);
        Assert.Equal(failingKey, failure.Rule);
        Assert.Contains("series-a", failure.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void CapWithoutParticipation_ReadFails()
    {
        var terms = Preferred("1000000", cap: "2", participating: false);

        var (_, failures) = WaterfallTerms.Read("series-a", terms, Usd);

        Assert.Equal("participation_cap_multiple", Assert.Single(failures).Rule);
    }

    [Fact]
    public void PreferredWithoutBasis_ReadFails()
    {
        var terms = new Dictionary<string, string> { ["class_type"] = "PREFERRED", ["liquidation_preference_multiple"] = "1" };

        var (_, failures) = WaterfallTerms.Read("series-a", terms, Usd);

        Assert.Equal("invested_amount", Assert.Single(failures).Rule);
    }

    [Fact]
    public void OcfStockClassTerms_Read_AsImported()
    {
        // The terms the importer writes for Meridian Harbor's Series A Preferred.
        var terms = new Dictionary<string, string>
        {
            ["class_type"] = "PREFERRED",
            ["seniority"] = "3",
            ["price_per_share"] = "2.50 USD",
            ["liquidation_preference_multiple"] = "1",
            ["participation_cap_multiple"] = "3",
            ["conversion_ratio"] = "1/1",
        };

        var (parsed, failures) = WaterfallTerms.Read("series-a", terms, Usd);

        Assert.Empty(failures);
        Assert.Equal(new WaterfallTerms(false, 3, Rational.One, null, Rational.Create(5, 2), true, Rational.FromInteger(3), Rational.One), parsed);
    }

    [Fact]
    public void ConversionPrice_WithoutRatio_GivesPriceRatio()
    {
        var terms = new Dictionary<string, string> { ["class_type"] = "PREFERRED", ["price_per_share"] = "2.00 USD", ["conversion_price"] = "1.60 USD" };

        var (parsed, _) = WaterfallTerms.Read("series-a", terms, Usd);

        Assert.Equal(Rational.Create(5, 4), parsed!.ConversionRatio);
    }

    [Fact]
    public void SplitRatio_DividesPriceButNotConversion()
    {
        var terms = new Dictionary<string, string>
        {
            ["class_type"] = "PREFERRED",
            ["price_per_share"] = "2.00 USD",
            ["conversion_price"] = "1.60 USD",
            ["price_split_ratio"] = "2",
        };

        var (parsed, _) = WaterfallTerms.Read("series-a", terms, Usd);

        Assert.Equal(Rational.FromInteger(1), parsed!.PricePerShare);
        Assert.Equal(Rational.Create(5, 4), parsed.ConversionRatio);
    }

    [Fact]
    public void NoTerms_ReadAsCommon()
    {
        var (parsed, failures) = WaterfallTerms.Read("common", new Dictionary<string, string>(), Usd);

        Assert.Empty(failures);
        Assert.True(parsed!.IsCommon);
    }

    [Fact]
    public void NegativeExit_Compute_Throws()
    {
        var model = WaterfallModel.Create([Common("common", 100)], Usd);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Compute(-1));
    }

    [Fact]
    public void CurrencyWithoutMinorUnit_Create_Throws()
    {
        Assert.Throws<ArgumentException>(() => WaterfallModel.Create([Common("common", 100)], CurrencyCode.Parse("XAU")));
    }

    [Fact]
    public void NoSharesOutstanding_Create_Throws()
    {
        Assert.Throws<ArgumentException>(() => WaterfallModel.Create([Common("common", 0)], Usd));
    }
}
