using System.Globalization;
using Registra.Cash;
using Registra.CorporateActions.DayCounts;
using Registra.Reasons;

namespace Registra.CorporateActions.Coupons;

/// <summary>
/// The debt terms coupons and redemption read from a security's terms map, set when the security
/// is created. Keys: <c>face_value</c> (per whole unit, decimal in the currency), <c>currency</c>,
/// <c>maturity_date</c> and <c>issue_date</c> (yyyy-MM-dd, UTC), <c>coupon_rate_percent</c>,
/// <c>coupon_frequency</c> (1, 2, 4 or 12 a year) and <c>day_count</c> (30/360, ACT/360, ACT/365F).
/// </summary>
/// <param name="FaceValue">Face value of one whole unit in minor units of the currency.</param>
/// <param name="CouponRatePpm">Annual coupon rate in parts per million.</param>
public sealed record BondTerms(
    long FaceValue,
    string Currency,
    DateOnly IssueDate,
    DateOnly MaturityDate,
    int CouponRatePpm,
    int Frequency,
    CouponDayCountConvention DayCount)
{
    public const string FaceValueKey = "face_value";
    public const string CurrencyKey = "currency";
    public const string IssueDateKey = "issue_date";
    public const string MaturityDateKey = "maturity_date";
    public const string CouponRateKey = "coupon_rate_percent";
    public const string FrequencyKey = "coupon_frequency";
    public const string DayCountKey = "day_count";

    /// <summary>Midnight UTC of the maturity date, from which the security can be redeemed.</summary>
    public DateTimeOffset MaturityAt => new(MaturityDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Reads the terms redemption needs: face value, currency and maturity date.</summary>
    public static (BondTerms? Terms, Failure? Failure) ParseForRedemption(IReadOnlyDictionary<string, string> terms) =>
        Parse(terms, withCoupon: false);

    /// <summary>Reads every term, including the coupon rate, frequency, day count and issue date.</summary>
    public static (BondTerms? Terms, Failure? Failure) ParseForCoupons(IReadOnlyDictionary<string, string> terms) =>
        Parse(terms, withCoupon: true);

    private static (BondTerms? Terms, Failure? Failure) Parse(IReadOnlyDictionary<string, string> terms, bool withCoupon)
    {
        var (currency, minorUnits, currencyFailure) = CashBook.ParseCurrency(terms.GetValueOrDefault(CurrencyKey));
        if (currencyFailure is not null)
        {
            return (null, Missing(CurrencyKey, "set it to an ISO 4217 code such as USD"));
        }

        var face = Amounts.Amount.Parse(terms.GetValueOrDefault(FaceValueKey), minorUnits);
        if (!face.IsValid || !face.Amount.IsPositive || face.Amount.Units > long.MaxValue)
        {
            return (null, Missing(FaceValueKey, $"set it to the face value of one unit in {currency}, such as \"1000.00\""));
        }

        if (ParseDate(terms, MaturityDateKey) is not { } maturity)
        {
            return (null, Missing(MaturityDateKey, "set it to a date such as \"2030-06-30\""));
        }

        if (!withCoupon)
        {
            return (new BondTerms((long)face.Amount.Units, currency, maturity, maturity, 0, 1, CouponDayCountConvention.Thirty360), null);
        }

        return ParseCoupon(terms, (long)face.Amount.Units, currency, maturity);
    }

    private static (BondTerms? Terms, Failure? Failure) ParseCoupon(IReadOnlyDictionary<string, string> terms, long face, string currency, DateOnly maturity)
    {
        if (ParseDate(terms, IssueDateKey) is not { } issue || issue >= maturity)
        {
            return (null, Missing(IssueDateKey, "set it to the date interest starts to accrue, before the maturity date"));
        }

        var (rate, rateFailure) = Register.Register.ParseRate(terms.GetValueOrDefault(CouponRateKey), CouponRateKey);
        if (rateFailure is not null || rate == 0)
        {
            return (null, Missing(CouponRateKey, "set it to the annual rate as a percentage above 0, such as \"5\""));
        }

        if (!int.TryParse(terms.GetValueOrDefault(FrequencyKey), NumberStyles.None, CultureInfo.InvariantCulture, out var frequency)
            || frequency is not (1 or 2 or 4 or 12))
        {
            return (null, Missing(FrequencyKey, "set it to the coupons per year: 1, 2, 4 or 12"));
        }

        if (!CouponDayCount.TryParse(terms.GetValueOrDefault(DayCountKey), out var dayCount))
        {
            return (null, Missing(DayCountKey, "set it to 30/360, ACT/360 or ACT/365F"));
        }

        return (new BondTerms(face, currency, issue, maturity, rate, frequency, dayCount), null);
    }

    private static DateOnly? ParseDate(IReadOnlyDictionary<string, string> terms, string key) =>
        DateOnly.TryParseExact(terms.GetValueOrDefault(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static Failure Missing(string key, string hint) =>
        new(Reasons.Reasons.MissingTerms, "terms", key, null, $"The security's term '{key}' is missing or invalid: {hint}.") { Subject = key };
}
