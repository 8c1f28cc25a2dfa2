using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Registra.Identifiers;

/// <summary>
/// A Financial Instrument Global Identifier (FIGI), such as BBG000BLNNH6.
/// </summary>
/// <remarks>
/// Characters 1-2 are consonants (Y counts as one) and never BS, BM, GG, GB, GH, KY or VG, so
/// that a FIGI cannot be mistaken for an ISIN with those country prefixes. Character 3 is G,
/// characters 4-11 are consonants or digits, and character 12 is a check digit computed like
/// the CUSIP one (modulus 10 "double add double"). <c>default(Figi)</c> is empty and is not a
/// valid FIGI.
/// </remarks>
public readonly record struct Figi
{
    public const int Length = 12;

    private const string Kind = "FIGI";

    private static readonly FrozenSet<string> ExcludedPrefixes =
        new[] { "BM", "BS", "GB", "GG", "GH", "KY", "VG" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly string? _value;

    private Figi(string value) => _value = value;

    /// <summary>The normalized value: 12 upper-case characters without spaces.</summary>
    public string Value => _value ?? string.Empty;

    public static bool TryParse([NotNullWhen(true)] string? text, out Figi value)
    {
        var error = Check(text, out var normalized);
        value = error is null ? new Figi(normalized) : default;
        return error is null;
    }

    /// <exception cref="FormatException">The text is not a valid FIGI. The message names the rule it breaks.</exception>
    public static Figi Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = Check(text, out var normalized);
        return error is null ? new Figi(normalized) : throw new FormatException(error);
    }

    /// <summary>Returns null when <paramref name="text"/> is a valid FIGI, or else the error message.</summary>
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

        var structureError = CheckStructure(normalized);
        if (structureError is not null)
        {
            return IdentifierText.Invalid(Kind, text, structureError);
        }

        var expected = CheckDigits.DoubleAddDouble(normalized.AsSpan(0, Length - 1));
        if (normalized[Length - 1] - '0' != expected)
        {
            return IdentifierText.Invalid(Kind, text, $"the check digit should be {expected}");
        }

        return null;
    }

    private static string? CheckStructure(string normalized)
    {
        var prefix = normalized[..2];
        if (!IsConsonant(prefix[0]) || !IsConsonant(prefix[1]))
        {
            return $"the first two characters '{prefix}' must be consonants";
        }

        if (ExcludedPrefixes.Contains(prefix))
        {
            return $"the prefix '{prefix}' is excluded because it is an ISIN country prefix";
        }

        if (normalized[2] != 'G')
        {
            return $"the third character must be 'G', not '{normalized[2]}'";
        }

        for (var index = 3; index < Length - 1; index++)
        {
            var character = normalized[index];
            if (!IsConsonant(character) && !char.IsAsciiDigit(character))
            {
                return $"character {index + 1} is '{character}', but characters 4-11 must be consonants or digits";
            }
        }

        var checkCharacter = normalized[Length - 1];
        if (!char.IsAsciiDigit(checkCharacter))
        {
            return $"the last character must be a check digit 0-9, not '{checkCharacter}'";
        }

        return null;
    }

    private static bool IsConsonant(char character) =>
        char.IsAsciiLetterUpper(character) && character is not ('A' or 'E' or 'I' or 'O' or 'U');
}
