using System.Diagnostics.CodeAnalysis;

namespace Registra.Identifiers;

/// <summary>
/// A legal entity identifier (ISO 17442): 18 letters or digits followed by two check digits,
/// chosen so that the whole value, with each letter replaced by its value A = 10 ... Z = 35,
/// leaves remainder 1 when divided by 97 (ISO 7064 MOD 97-10).
/// </summary>
/// <remarks><c>default(Lei)</c> is empty and is not a valid LEI.</remarks>
public readonly record struct Lei
{
    public const int Length = 20;

    private const string Kind = "LEI";

    private readonly string? _value;

    private Lei(string value) => _value = value;

    /// <summary>The normalized value: 20 upper-case characters without spaces.</summary>
    public string Value => _value ?? string.Empty;

    public static bool TryParse([NotNullWhen(true)] string? text, out Lei value)
    {
        var error = Check(text, out var normalized);
        value = error is null ? new Lei(normalized) : default;
        return error is null;
    }

    /// <exception cref="FormatException">The text is not a valid LEI. The message names the rule it breaks.</exception>
    public static Lei Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = Check(text, out var normalized);
        return error is null ? new Lei(normalized) : throw new FormatException(error);
    }

    /// <summary>Returns null when <paramref name="text"/> is a valid LEI, or else the error message.</summary>
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

        var checkDigits = normalized[(Length - 2)..];
        if (!char.IsAsciiDigit(checkDigits[0]) || !char.IsAsciiDigit(checkDigits[1]))
        {
            return IdentifierText.Invalid(Kind, text, $"the last two characters must be check digits 0-9, not '{checkDigits}'");
        }

        if (CheckDigits.Mod97(normalized) != 1)
        {
            // Appending "00" and subtracting the remainder from 98 gives the digits that make the remainder 1.
            var payloadRemainder = CheckDigits.Mod97(normalized.AsSpan(0, Length - 2));
            var expected = 98 - payloadRemainder * 100 % 97;
            return IdentifierText.Invalid(Kind, text, $"the check digits should be {expected:00}");
        }

        return null;
    }
}
