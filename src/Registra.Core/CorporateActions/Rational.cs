using System.Globalization;
using System.Numerics;

namespace Registra.CorporateActions;

/// <summary>
/// An exact fraction of two integers, always reduced and with a positive denominator, so equal
/// values have equal fields. Used where money must be split without rounding until the last step.
/// </summary>
public readonly struct Rational :
    IEquatable<Rational>,
    IComparable<Rational>,
    IAdditionOperators<Rational, Rational, Rational>,
    ISubtractionOperators<Rational, Rational, Rational>,
    IMultiplyOperators<Rational, Rational, Rational>,
    IDivisionOperators<Rational, Rational, Rational>,
    IComparisonOperators<Rational, Rational, bool>
{
    private readonly BigInteger _denominator;

    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        _denominator = denominator;
    }

    public BigInteger Numerator { get; }

    /// <summary>The denominator, at least 1; <c>default(Rational)</c> is zero with denominator 1.</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public static Rational Zero => default;

    public static Rational One => new(BigInteger.One, BigInteger.One);

    public bool IsZero => Numerator.IsZero;

    public bool IsInteger => Denominator.IsOne;

    public int Sign => Numerator.Sign;

    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public static Rational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        if (denominator.IsOne)
        {
            return new Rational(numerator, denominator);
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return divisor.IsOne ? new Rational(numerator, denominator) : new Rational(numerator / divisor, denominator / divisor);
    }

    public static Rational FromInteger(BigInteger value) => new(value, BigInteger.One);

    /// <summary>
    /// Parses a plain decimal ("1.5", "0.05", "-2"), a percentage ("5%", meaning 0.05) or a fraction
    /// of two integers ("3/2"). Exponents, group separators and a zero denominator are rejected.
    /// </summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!TryParseDecimal(trimmed[..slash].Trim(), out var top) || !TryParseDecimal(trimmed[(slash + 1)..].Trim(), out var bottom) || bottom.IsZero)
            {
                return false;
            }

            value = top / bottom;
            return true;
        }

        if (trimmed.EndsWith('%'))
        {
            if (!TryParseDecimal(trimmed[..^1].TrimEnd(), out var percent))
            {
                return false;
            }

            value = percent / FromInteger(100);
            return true;
        }

        return TryParseDecimal(trimmed, out value);
    }

    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;

    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    /// <summary>Returns the largest integer not above the value.</summary>
    public BigInteger Floor()
    {
        var quotient = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Rounds to the nearest integer, with halves rounded away from zero.</summary>
    public BigInteger RoundHalfAwayFromZero()
    {
        var magnitude = BigInteger.Abs(Numerator);
        var rounded = ((2 * magnitude) + Denominator) / (2 * Denominator);
        return Numerator.Sign < 0 ? -rounded : rounded;
    }

    public double ToDouble() => (double)Numerator / (double)Denominator;

    /// <summary>Formats as a decimal string rounded half away from zero to at most <paramref name="places"/> decimals, without trailing zeros.</summary>
    public string ToDecimalString(int places)
    {
        var scale = BigInteger.Pow(10, places);
        var scaled = (this * FromInteger(scale)).RoundHalfAwayFromZero();
        var negative = scaled.Sign < 0;
        var digits = BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture).PadLeft(places + 1, '0');
        var whole = digits[..^places];
        var fraction = places == 0 ? string.Empty : digits[^places..].TrimEnd('0');
        var text = fraction.Length == 0 ? whole : whole + "." + fraction;
        return negative && text != "0" ? "-" + text : text;
    }

    /// <summary>Formats as "n/d", or as "n" for an integer.</summary>
    public override string ToString() => IsInteger
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public int CompareTo(Rational other) => Denominator == other.Denominator
        ? Numerator.CompareTo(other.Numerator)
        : (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public static Rational operator +(Rational a, Rational b) => a.IsInteger && b.IsInteger
        ? new Rational(a.Numerator + b.Numerator, BigInteger.One)
        : Create((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => a.IsInteger && b.IsInteger
        ? new Rational(a.Numerator - b.Numerator, BigInteger.One)
        : Create((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator *(Rational a, Rational b) => a.IsInteger && b.IsInteger
        ? new Rational(a.Numerator * b.Numerator, BigInteger.One)
        : Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static Rational operator /(Rational a, Rational b) => Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    private static bool TryParseDecimal(string text, out Rational value)
    {
        value = Zero;
        var span = text.AsSpan();
        var negative = span.Length > 0 && span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : span[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty) || !AllDigits(whole) || !AllDigits(fraction) || whole.Length + fraction.Length > 60)
        {
            return false;
        }

        var digits = BigInteger.Parse(string.Concat(whole, fraction), NumberStyles.None, CultureInfo.InvariantCulture);
        value = Create(negative ? -digits : digits, BigInteger.Pow(10, fraction.Length));
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
