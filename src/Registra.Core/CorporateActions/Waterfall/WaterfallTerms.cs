using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.CorporateActions.Waterfall;

/// <summary>
/// How one class of shares takes part in a liquidation, read from the security's terms.
/// <see cref="PricePerShare"/> is per current share, after <c>price_split_ratio</c>.
/// </summary>
/// <remarks>
/// Term keys (the Open Cap Format stock class names where one exists):
/// <list type="bullet">
/// <item><c>class_type</c>: COMMON or PREFERRED. Without it a class is preferred when it has
/// <c>liquidation_preference_multiple</c> or <c>invested_amount</c>, and common otherwise.</item>
/// <item><c>seniority</c>: an integer, default 0. Higher is paid first; equal seniority is paid pari passu.</item>
/// <item><c>liquidation_preference_multiple</c>: default 1 for a preferred class, zero or more.</item>
/// <item><c>invested_amount</c> ("2000000.00 USD") or <c>price_per_share</c> ("2.50 USD"): the preference
/// basis, required for a preferred class. The invested amount wins when both are given; otherwise the
/// basis is the price times the shares outstanding.</item>
/// <item><c>price_split_ratio</c>: the product of the splits since <c>price_per_share</c> was set, such as
/// "2" after one 2-for-1 split; the price per current share is the price divided by it. Default 1.</item>
/// <item><c>participating</c>: true or false; the default is true exactly when a cap is given.</item>
/// <item><c>participation_cap_multiple</c>: caps the total a participating class receives (preference
/// included) at this multiple of the basis; at least the preference multiple.</item>
/// <item><c>conversion_ratio</c>: common shares per share, as "1/1" or "1.5", greater than zero,
/// default 1. Without it, <c>price_per_share</c> divided by <c>conversion_price</c> when both exist.</item>
/// </list>
/// NOTE: terms are fixed when the security is created, so a split recorded in the register later does
/// not change <c>price_split_ratio</c>, and a class whose preference follows the price is then overstated.
/// Conversion ratios are never adjusted for splits, which is right only when every class splits alike.
/// </remarks>
public sealed record WaterfallTerms(
    bool IsCommon,
    int Seniority,
    Rational PreferenceMultiple,
    Rational? InvestedAmount,
    Rational? PricePerShare,
    bool Participating,
    Rational? CapMultiple,
    Rational ConversionRatio)
{
    /// <summary>A common class: no preference, shares the residual one to one.</summary>
    public static WaterfallTerms Common { get; } = new(true, 0, Rational.Zero, null, null, true, null, Rational.One);

    private static readonly Dictionary<string, bool> ClassTypes = new(StringComparer.Ordinal)
    {
        ["COMMON"] = true,
        ["PREFERRED"] = false,
    };

    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.Ordinal)
    {
        ["true"] = true,
        ["false"] = false,
    };

    /// <summary>The keys these terms read; a security with none of them is common.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "class_type", "seniority", "liquidation_preference_multiple", "invested_amount", "price_per_share", "price_split_ratio",
        "participating", "participation_cap_multiple", "conversion_ratio", "conversion_price",
    ];

    /// <summary>
    /// Reads the waterfall terms of a class whose amounts must be in <paramref name="currency"/>, or in
    /// any currency when it is null; on any problem returns null and one <c>invalid_terms</c> failure per bad key.
    /// </summary>
    /// <param name="requireBasis">
    /// Whether a preferred class without <c>invested_amount</c> or <c>price_per_share</c> fails. Creating
    /// a security allows it, because Open Cap Format classes often leave the price out; a waterfall needs it.
    /// </param>
    public static (WaterfallTerms? Terms, IReadOnlyList<Failure> Failures) Read(string securityId, IReadOnlyDictionary<string, string> terms,
        CurrencyCode? currency, bool requireBasis = true)
    {
        var reader = new TermReader(terms, securityId);
        var isCommon = reader.Choice<bool>("class_type", ClassTypes, !(reader.Has("liquidation_preference_multiple") || reader.Has("invested_amount")));
        var seniority = ReadSeniority(reader);
        if (isCommon != false)
        {
            return reader.Failures.Count > 0 ? (null, reader.Failures) : (Common with { Seniority = seniority }, []);
        }

        var multiple = reader.Number("liquidation_preference_multiple", required: false, "1") ?? Rational.One;
        var invested = reader.Money("invested_amount", required: false, currency)?.Amount;
        var originalPrice = reader.Money("price_per_share", required: false, currency)?.Amount;
        var price = originalPrice;
        var splitRatio = reader.Number("price_split_ratio", required: false, "2") ?? Rational.One;
        if (splitRatio.Sign <= 0)
        {
            reader.Fail("price_split_ratio", reader.Text("price_split_ratio"), "the split ratio must be greater than zero, such as \"2\" after a 2-for-1 split.");
        }
        else
        {
            price /= splitRatio;
        }

        var cap = reader.Number("participation_cap_multiple", required: false, "2");
        var participating = reader.Choice<bool>("participating", Booleans, cap is not null);
        // A conversion price is per original share too, so the ratio comes from the original price.
        var ratio = ReadConversionRatio(reader, originalPrice, currency);

        CheckPreference(reader, multiple, invested, price, requireBasis);
        CheckParticipation(reader, multiple, cap, participating);

        // Without a basis (allowed only when requireBasis is false) there is nothing to compute a preference from.
        if (reader.Failures.Count > 0 || (invested is null && price is null))
        {
            return (null, reader.Failures);
        }

        return (new WaterfallTerms(false, seniority, multiple, invested, price, participating!.Value, cap, ratio!.Value), []);
    }

    private static int ReadSeniority(TermReader reader)
    {
        var text = reader.Text("seniority");
        if (text is null)
        {
            return 0;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seniority))
        {
            reader.Fail("seniority", text, $"the seniority '{text}' is not an integer; higher numbers are paid first, such as \"2\".");
        }

        return seniority;
    }

    private static Rational? ReadConversionRatio(TermReader reader, Rational? price, CurrencyCode? currency)
    {
        var ratio = reader.Number("conversion_ratio", required: false, "1/1");
        if (ratio is null && !reader.Has("conversion_ratio") && price is { } original && reader.Money("conversion_price", required: false, currency) is { } conversion)
        {
            if (conversion.Amount.Sign <= 0)
            {
                reader.Fail("conversion_price", reader.Text("conversion_price"), "the conversion price must be greater than zero.");
                return null;
            }

            return original / conversion.Amount;
        }

        if (ratio is { Sign: <= 0 })
        {
            reader.Fail("conversion_ratio", reader.Text("conversion_ratio"), "the conversion ratio must be greater than zero, such as \"1/1\" for one common share per share.");
            return null;
        }

        return ratio ?? (reader.Has("conversion_ratio") ? null : Rational.One);
    }

    private static void CheckPreference(TermReader reader, Rational multiple, Rational? invested, Rational? price, bool requireBasis)
    {
        if (multiple.Sign < 0)
        {
            reader.Fail("liquidation_preference_multiple", reader.Text("liquidation_preference_multiple"), "the preference multiple must be zero or more, such as \"1\".");
        }

        if (requireBasis && invested is null && price is null && !reader.Has("invested_amount") && !reader.Has("price_per_share"))
        {
            reader.Fail("invested_amount", null, "a preferred class needs 'invested_amount' (such as \"1000000.00 USD\") or 'price_per_share' to compute its preference.");
        }

        if (invested is { Sign: < 0 })
        {
            reader.Fail("invested_amount", reader.Text("invested_amount"), "the invested amount must be zero or more.");
        }

        if (price is { Sign: < 0 })
        {
            reader.Fail("price_per_share", reader.Text("price_per_share"), "the price per share must be zero or more.");
        }
    }

    private static void CheckParticipation(TermReader reader, Rational multiple, Rational? cap, bool? participating)
    {
        if (cap is not { } capMultiple)
        {
            return;
        }

        if (participating == false)
        {
            reader.Fail("participation_cap_multiple", reader.Text("participation_cap_multiple"),
                "a participation cap is set but 'participating' is false; remove the cap or set participating to true.");
        }

        if (capMultiple < multiple)
        {
            reader.Fail("participation_cap_multiple", reader.Text("participation_cap_multiple"),
                $"the participation cap multiple {capMultiple.ToDecimalString(6)} is below the preference multiple {multiple.ToDecimalString(6)}; the cap includes the preference, so it must be at least the multiple.");
        }
    }
}
