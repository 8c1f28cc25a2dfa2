using System.Globalization;
using System.Numerics;

namespace Registra.Amounts;

/// <summary>
/// A quantity in the smallest unit of a security or the minor unit of a currency.
/// Arithmetic is overflow-checked; there is no implicit conversion from numbers.
/// </summary>
public readonly record struct Amount(Int128 Units) : IComparable<Amount>
{
    /// <summary>Largest number of decimals a security may declare.</summary>
    public const int MaxDecimals = 18;

    private const int MaxExcerptLength = 60;

    public static Amount Zero => default;

    public bool IsZero => Units == Int128.Zero;

    public bool IsNegative => Units < Int128.Zero;

    public bool IsPositive => Units > Int128.Zero;

    public static Amount FromUnits(long units) => new(units);

    /// <summary>Returns the sum, throwing <see cref="OverflowException"/> when it does not fit.</summary>
    public Amount Plus(Amount other) => new(checked(Units + other.Units));

    /// <summary>Returns the difference, throwing <see cref="OverflowException"/> when it does not fit.</summary>
    public Amount Minus(Amount other) => new(checked(Units - other.Units));

    public static Amount Min(Amount a, Amount b) => a.Units <= b.Units ? a : b;

    public static Amount Max(Amount a, Amount b) => a.Units >= b.Units ? a : b;

    public int CompareTo(Amount other) => Units.CompareTo(other.Units);

    public static bool operator <(Amount a, Amount b) => a.Units < b.Units;

    public static bool operator >(Amount a, Amount b) => a.Units > b.Units;

    public static bool operator <=(Amount a, Amount b) => a.Units <= b.Units;

    public static bool operator >=(Amount a, Amount b) => a.Units >= b.Units;

    /// <summary>Returns 10^decimals as an integer, for decimals in 0..18.</summary>
    public static Int128 Scale(int decimals) => Int128.CreateChecked(BigInteger.Pow(10, decimals));

    /// <summary>
    /// Parses a decimal string such as "12.5" into smallest units for a security with
    /// <paramref name="decimals"/> decimals. Rejects signs other than a leading minus,
    /// exponents, separators, and more fractional digits than the security allows.
    /// </summary>
    public static AmountParseResult Parse(string? text, int decimals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return AmountParseResult.Invalid("the amount is missing");
        }

        var span = text.AsSpan().Trim();
        var negative = span.Length > 0 && span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : span[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty) || !AllDigits(whole) || !AllDigits(fraction))
        {
            return AmountParseResult.Invalid($"'{Excerpt(text)}' is not a decimal number such as \"12.5\"");
        }

        var significantFraction = fraction.TrimEnd('0');
        if (significantFraction.Length > decimals)
        {
            return AmountParseResult.TooPrecise(decimals);
        }

        // The digits are accumulated in place without building a string, because rules parse their limits on every check.
        Int128 units = Int128.Zero;
        var fits = TryAppendDigits(whole, ref units)
            && TryAppendDigits(significantFraction, ref units)
            && TryAppendZeros(decimals - significantFraction.Length, ref units);
        if (!fits)
        {
            return AmountParseResult.Invalid($"'{Excerpt(text)}' is too large");
        }

        return AmountParseResult.Valid(new Amount(negative ? -units : units));
    }

    /// <summary>
    /// Shortens an amount text to quote in a message: a text over 60 characters is cut there and its
    /// length stated, so a megabyte of digits is not echoed back several times. Amounts without
    /// padding zeros are shorter, because an Int128 has at most 39 digits.
    /// </summary>
    public static string Excerpt(string text) =>
        text.Length <= MaxExcerptLength ? text : $"{text[..MaxExcerptLength]}… ({text.Length} characters)";

    /// <summary>Formats as a decimal string without trailing zeros ("12.5", "3").</summary>
    public string Format(int decimals)
    {
        var negative = Units < 0;
        var magnitude = negative ? -Units : Units;
        var digits = magnitude.ToString(CultureInfo.InvariantCulture);
        if (decimals > 0)
        {
            digits = digits.PadLeft(decimals + 1, '0');
            var whole = digits[..^decimals];
            var fraction = digits[^decimals..].TrimEnd('0');
            digits = fraction.Length == 0 ? whole : whole + "." + fraction;
        }

        return negative ? "-" + digits : digits;
    }

    public override string ToString() => Units.ToString(CultureInfo.InvariantCulture);

    private static bool TryAppendDigits(ReadOnlySpan<char> digits, ref Int128 units)
    {
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[i] - '0';
            if (units > (Int128.MaxValue - digit) / 10)
            {
                return false;
            }

            units = (units * 10) + digit;
        }

        return true;
    }

    private static bool TryAppendZeros(int count, ref Int128 units)
    {
        for (var i = 0; i < count; i++)
        {
            if (units > Int128.MaxValue / 10)
            {
                return false;
            }

            units *= 10;
        }

        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
