using System.Numerics;
using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.CorporateActions.Coupons;

/// <summary>
/// What redemption at maturity reads from a debt security's terms, with the same keys as the
/// coupon terms: <c>face_value</c> ("1000.00 USD", or "1000.00" with <c>currency</c>) and
/// <c>maturity_date</c> (yyyy-MM-dd). A zero-coupon bond needs no coupon keys.
/// </summary>
/// <param name="FaceValue">Face value of one whole unit in minor units of the currency.</param>
public sealed record RedemptionTerms(long FaceValue, CurrencyCode Currency, DateOnly MaturityDate)
{
    /// <summary>Midnight UTC of the maturity date, from which the security can be redeemed.</summary>
    public DateTimeOffset MaturityAt => new(MaturityDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Reads the terms; on any problem returns null and one failure per bad or missing key.</summary>
    public static (RedemptionTerms? Terms, IReadOnlyList<Failure> Failures) Read(string securityId, IReadOnlyDictionary<string, string> terms)
    {
        var reader = new TermReader(terms, securityId);
        CurrencyCode? currency = null;
        if (reader.Text("currency") is { } text)
        {
            if (CurrencyCode.TryParse(text, out var parsed))
            {
                currency = parsed;
            }
            else
            {
                reader.Fail("currency", text, $"the currency '{text}' is invalid: {CurrencyCode.Validate(text)}.");
            }
        }

        var face = reader.Money("face_value", required: true, currency);
        currency ??= face?.Currency;
        var maturity = reader.Date("maturity_date", required: true);
        var minor = FaceInMinorUnits(reader, face?.Amount, currency);
        if (reader.Failures.Count > 0)
        {
            return (null, reader.Failures);
        }

        return (new RedemptionTerms(minor!.Value, currency!.Value, maturity!.Value), []);
    }

    private static long? FaceInMinorUnits(TermReader reader, Rational? face, CurrencyCode? currency)
    {
        if (face is not { } value)
        {
            return null;
        }

        if (currency?.MinorUnits is not { } minorUnits)
        {
            reader.Fail("currency", reader.Text("currency"), "no currency with a minor unit is given; write face_value as \"1000.00 USD\".");
            return null;
        }

        var scaled = value * Rational.FromInteger(BigInteger.Pow(10, minorUnits));
        if (value.Sign <= 0 || scaled.Floor() != scaled.RoundHalfAwayFromZero() || scaled.Floor() > long.MaxValue)
        {
            reader.Fail("face_value", reader.Text("face_value"), $"the face value must be positive and a whole number of {currency} minor units.");
            return null;
        }

        return (long)scaled.Floor();
    }
}
