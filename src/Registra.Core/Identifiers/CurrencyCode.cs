using System.Diagnostics.CodeAnalysis;

namespace Registra.Identifiers;

/// <summary>
/// An active ISO 4217 alphabetic currency or fund code, such as USD, with its minor units.
/// </summary>
/// <remarks><c>default(CurrencyCode)</c> is empty and is not a valid currency code.</remarks>
public readonly record struct CurrencyCode
{
    public const int Length = 3;

    private const string Kind = "currency code";

    private readonly string? _value;

    private CurrencyCode(string value) => _value = value;

    /// <summary>The normalized value: three upper-case letters.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>
    /// The number of decimal digits of the minor unit (USD 2, JPY 0, BHD 3), or null for codes
    /// that ISO 4217 lists without one, such as XAU (gold) and XXX (no currency).
    /// </summary>
    public int? MinorUnits => CurrencyCodeTable.TryGetMinorUnits(Value, out var minorUnits) ? minorUnits : null;

    public static bool TryParse([NotNullWhen(true)] string? text, out CurrencyCode value)
    {
        var error = Check(text, out var normalized);
        value = error is null ? new CurrencyCode(normalized) : default;
        return error is null;
    }

    /// <exception cref="FormatException">The text is not an active currency code. The message names the rule it breaks.</exception>
    public static CurrencyCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = Check(text, out var normalized);
        return error is null ? new CurrencyCode(normalized) : throw new FormatException(error);
    }

    /// <summary>Returns null when <paramref name="text"/> is an active currency code, or else the error message.</summary>
    public static string? Validate(string? text) => Check(text, out _);

    public override string ToString() => Value;

    private static string? Check(string? text, out string normalized)
    {
        normalized = string.Empty;
        if (text is null)
        {
            return IdentifierText.Missing(Kind, Length);
        }

        var shapeError = IdentifierText.CheckShape(Kind, text, Length, char.IsAsciiLetterUpper, "letters A-Z", out normalized);
        if (shapeError is not null)
        {
            return shapeError;
        }

        if (!CurrencyCodeTable.TryGetMinorUnits(normalized, out _))
        {
            return IdentifierText.Invalid(Kind, text, "not an active ISO 4217 currency code");
        }

        return null;
    }
}
