using System.Diagnostics.CodeAnalysis;

namespace Registra.Identifiers;

/// <summary>
/// An ISIN (ISO 6166): a 2-letter prefix, a 9-character national security identifier and a
/// Luhn check digit computed after replacing each letter with its value A = 10 ... Z = 35.
/// </summary>
/// <remarks>
/// The prefix must be an assigned ISO 3166-1 alpha-2 code or one of the non-country prefixes
/// listed in <see cref="IsinPrefixes"/>. <c>default(Isin)</c> is empty and is not a valid ISIN.
/// </remarks>
public readonly record struct Isin
{
    public const int Length = 12;

    private const string Kind = "ISIN";

    private readonly string? _value;

    private Isin(string value) => _value = value;

    /// <summary>The normalized value: 12 upper-case characters without spaces.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The first two letters: a country code or a non-country prefix such as XS.</summary>
    public string Prefix => Value.Length == Length ? Value[..2] : string.Empty;

    /// <summary>
    /// The country of the prefix, or null when the prefix is not an assigned country code
    /// (XS, EU and the other non-country prefixes, and the withdrawn AN).
    /// </summary>
    public CountryCode? Country => CountryCode.TryParse(Prefix, out var country) ? country : null;

    /// <summary>
    /// The CUSIP in characters 3-11 of a US or CA ISIN, or null for other prefixes and for a
    /// US or CA ISIN whose characters 3-11 fail the CUSIP check digit.
    /// </summary>
    public Cusip? EmbeddedCusip =>
        Prefix is "US" or "CA" && Cusip.TryParse(Value.Substring(2, Cusip.Length), out var cusip) ? cusip : null;

    public static bool TryParse([NotNullWhen(true)] string? text, out Isin value)
    {
        var error = Check(text, out var normalized);
        value = error is null ? new Isin(normalized) : default;
        return error is null;
    }

    /// <exception cref="FormatException">The text is not a valid ISIN. The message names the rule it breaks.</exception>
    public static Isin Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = Check(text, out var normalized);
        return error is null ? new Isin(normalized) : throw new FormatException(error);
    }

    /// <summary>Returns null when <paramref name="text"/> is a valid ISIN, or else the error message.</summary>
    public static string? Validate(string? text) => Check(text, out _);

    public override string ToString() => Value;

    private static string? Check(string? text, out string normalized)
    {
        normalized = string.Empty;
        if (text is null)
        {
            return IdentifierText.Missing(Kind, Length);
        }

        var shapeError = IdentifierText.CheckShape(
            Kind, text, Length, IdentifierText.IsAsciiLetterOrDigit, "letters A-Z and digits 0-9", out normalized);
        if (shapeError is not null)
        {
            return shapeError;
        }

        var prefix = normalized[..2];
        if (!char.IsAsciiLetterUpper(prefix[0]) || !char.IsAsciiLetterUpper(prefix[1]))
        {
            return IdentifierText.Invalid(Kind, text, $"the prefix '{prefix}' must be two letters");
        }

        if (!IsinPrefixes.IsRecognized(prefix))
        {
            return IdentifierText.Invalid(
                Kind,
                text,
                $"the prefix '{prefix}' is not an assigned ISO 3166-1 country code or one of the ISIN prefixes {IsinPrefixes.NonCountryList}");
        }

        var checkCharacter = normalized[Length - 1];
        if (!char.IsAsciiDigit(checkCharacter))
        {
            return IdentifierText.Invalid(Kind, text, $"the last character must be a check digit 0-9, not '{checkCharacter}'");
        }

        var expected = CheckDigits.LuhnOverLetterExpansion(normalized.AsSpan(0, Length - 1));
        if (checkCharacter - '0' != expected)
        {
            return IdentifierText.Invalid(Kind, text, $"the check digit should be {expected}");
        }

        return null;
    }
}
