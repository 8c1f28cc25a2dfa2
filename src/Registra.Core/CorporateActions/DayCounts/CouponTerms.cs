using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.CorporateActions.DayCounts;

/// <summary>
/// The fixed-rate coupon terms of a debt security, read from its terms. Keys: <c>face_value</c>
/// ("1000.00 USD", or "1000.00" with <c>currency</c>), <c>coupon_rate</c> ("0.05" or "5%", a yearly
/// rate), <c>coupon_frequency</c> (annual, semi_annual, quarterly, monthly), <c>day_count</c>
/// (30/360, 30E/360, ACT/360, ACT/365F, ACT/ACT ICMA), <c>issue_date</c> and <c>maturity_date</c>
/// (yyyy-MM-dd), and optionally <c>stub</c> (short_first, the default, or short_last) and
/// <c>business_day_convention</c> (unadjusted, the default, following, modified_following).
/// </summary>
/// <param name="FaceValue">Face value of one whole unit of the security, in the currency's major unit.</param>
/// <param name="Rate">Yearly coupon rate as a fraction: 5% is 1/20.</param>
public sealed record CouponTerms(
    Rational FaceValue,
    CurrencyCode Currency,
    Rational Rate,
    CouponFrequency Frequency,
    DayCountConvention DayCount,
    DateOnly IssueDate,
    DateOnly MaturityDate,
    CouponStub Stub,
    BusinessDayConvention BusinessDays)
{
    /// <summary>Most periods a schedule may have: 100 years of monthly coupons.</summary>
    public const int MaxPeriods = 1200;

    private static readonly Dictionary<string, CouponFrequency> Frequencies = new(StringComparer.Ordinal)
    {
        ["annual"] = CouponFrequency.Annual,
        ["semi_annual"] = CouponFrequency.SemiAnnual,
        ["quarterly"] = CouponFrequency.Quarterly,
        ["monthly"] = CouponFrequency.Monthly,
    };

    private static readonly Dictionary<string, CouponStub> Stubs = new(StringComparer.Ordinal)
    {
        ["short_first"] = CouponStub.ShortFirst,
        ["short_last"] = CouponStub.ShortLast,
    };

    private static readonly Dictionary<string, BusinessDayConvention> BusinessDayConventions = new(StringComparer.Ordinal)
    {
        ["unadjusted"] = BusinessDayConvention.Unadjusted,
        ["following"] = BusinessDayConvention.Following,
        ["modified_following"] = BusinessDayConvention.ModifiedFollowing,
    };

    /// <summary>True when the terms contain any coupon key, so the security is meant to pay coupons.</summary>
    public static bool IsPresent(IReadOnlyDictionary<string, string> terms) =>
        terms.ContainsKey("coupon_rate") || terms.ContainsKey("face_value") || terms.ContainsKey("coupon_frequency");

    /// <summary>Reads and checks the coupon terms; on any problem returns null and one failure per bad or missing key.</summary>
    public static (CouponTerms? Terms, IReadOnlyList<Failure> Failures) Read(string securityId, IReadOnlyDictionary<string, string> terms)
    {
        var reader = new TermReader(terms, securityId);
        var currency = ReadCurrency(reader);
        var face = reader.Money("face_value", required: true, currency);
        currency ??= face?.Currency;
        if (face is not null && currency is null)
        {
            reader.Fail("currency", null, "no currency is given; write face_value as \"1000.00 USD\" or set the term 'currency'.");
        }

        var rate = reader.Number("coupon_rate", required: true, "0.05");
        var frequency = reader.Choice<CouponFrequency>("coupon_frequency", Frequencies, null);
        var dayCount = ReadDayCount(reader);
        var issue = reader.Date("issue_date", required: true);
        var maturity = reader.Date("maturity_date", required: true);
        var stub = reader.Choice<CouponStub>("stub", Stubs, CouponStub.ShortFirst);
        var businessDays = reader.Choice<BusinessDayConvention>("business_day_convention", BusinessDayConventions, BusinessDayConvention.Unadjusted);

        CheckFace(reader, face?.Amount, currency);
        if (rate is { Sign: < 0 })
        {
            reader.Fail("coupon_rate", terms["coupon_rate"], "the coupon rate is negative; set a rate of zero or more, such as \"0.05\" for 5% a year.");
        }

        CheckDates(reader, issue, maturity, frequency);
        if (reader.Failures.Count > 0)
        {
            return (null, reader.Failures);
        }

        return (new CouponTerms(face!.Value.Amount, currency!.Value, rate!.Value, frequency!.Value, dayCount!.Value,
            issue!.Value, maturity!.Value, stub!.Value, businessDays!.Value), []);
    }

    private static CurrencyCode? ReadCurrency(TermReader reader)
    {
        var text = reader.Text("currency");
        if (text is null)
        {
            return null;
        }

        if (!CurrencyCode.TryParse(text, out var currency))
        {
            reader.Fail("currency", text, $"the currency '{text}' is invalid: {CurrencyCode.Validate(text)}.");
            return null;
        }

        return currency;
    }

    private static DayCountConvention? ReadDayCount(TermReader reader)
    {
        var text = reader.Text("day_count");
        if (DayCounts.DayCount.TryParse(text, out var convention))
        {
            return convention;
        }

        reader.Fail("day_count", text, $"the day count is {(text is null ? "missing" : $"'{text}'")}; use one of: {string.Join(", ", DayCounts.DayCount.CanonicalNames)}.");
        return null;
    }

    private static void CheckFace(TermReader reader, Rational? face, CurrencyCode? currency)
    {
        if (face is not { } value)
        {
            return;
        }

        if (value.Sign <= 0)
        {
            reader.Fail("face_value", reader.Text("face_value"), "the face value must be greater than zero.");
            return;
        }

        if (currency?.MinorUnits is not { } minorUnits)
        {
            if (currency is not null)
            {
                reader.Fail("face_value", reader.Text("face_value"), $"the currency {currency} has no minor unit, so coupons cannot be paid in it.");
            }

            return;
        }

        if (!(value * Rational.FromInteger(System.Numerics.BigInteger.Pow(10, minorUnits))).IsInteger)
        {
            reader.Fail("face_value", reader.Text("face_value"), $"the face value has more than the {minorUnits} decimals of {currency}.");
        }
    }

    private static void CheckDates(TermReader reader, DateOnly? issue, DateOnly? maturity, CouponFrequency? frequency)
    {
        if (issue is not { } start || maturity is not { } end)
        {
            return;
        }

        if (end <= start)
        {
            reader.Fail("maturity_date", end.ToString("yyyy-MM-dd"), $"the maturity date must be after the issue date {start:yyyy-MM-dd}.");
            return;
        }

        var months = ((end.Year - start.Year) * 12) + end.Month - start.Month;
        if (frequency is { } f && (months / CouponDates.MonthsPerPeriod(f)) + 1 > MaxPeriods)
        {
            reader.Fail("maturity_date", end.ToString("yyyy-MM-dd"), $"the schedule would have more than {MaxPeriods} coupon periods; shorten the term or pay less often.");
        }
    }
}
