using System.Diagnostics.CodeAnalysis;

namespace Registra.Identifiers;

/// <summary>
/// A CUSIP, the 9-character North American security identifier: a 6-character issuer code,
/// a 2-character issue code and a check digit. The characters '*', '@' and '#' appear in
/// private placement numbers.
/// </summary>
/// <remarks><c>default(Cusip)</c> is empty and is not a valid CUSIP.</remarks>
public readonly record struct Cusip
{
    public const int Length = 9;

    private const string Kind = "CUSIP";

    private readonly string? _value;

    private Cusip(string value) => _value = value;

    /// <summary>The normalized value: 9 upper-case characters without spaces.</summary>
    public string Value => _value ?? string.Empty;

    public static bool TryParse([NotNullWhen(true)] string? text, out Cusip value)
    {
        var error = Check(text, out var normalized);
        value = error is null ? new Cusip(normalized) : default;
        return error is null;
    }

    /// <exception cref="FormatException">The text is not a valid CUSIP. The message names the rule it breaks.</exception>
    public static Cusip Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = Check(text, out var normalized);
        return error is null ? new Cusip(normalized) : throw new FormatException(error);
    }

    /// <summary>Returns null when <paramref name="text"/> is a valid CUSIP, or else the error message.</summary>
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
            Kind, text, Length, IsAllowed, "letters A-Z, digits 0-9 and the characters *, @ and #", out normalized);
        if (shapeError is not null)
        {
            return shapeError;
        }

        var checkCharacter = normalized[Length - 1];
        if (!char.IsAsciiDigit(checkCharacter))
        {
            return IdentifierText.Invalid(Kind, text, $"the last character must be a check digit 0-9, not '{checkCharacter}'");
        }

        var expected = CheckDigits.DoubleAddDouble(normalized.AsSpan(0, Length - 1));
        if (checkCharacter - '0' != expected)
        {
            return IdentifierText.Invalid(Kind, text, $"the check digit should be {expected}");
        }

        return null;
    }

    private static bool IsAllowed(char character) =>
        IdentifierText.IsAsciiLetterOrDigit(character) || character is '*' or '@' or '#';
}
