using System.Diagnostics.CodeAnalysis;

namespace Registra.Identifiers;

/// <summary>
/// An officially assigned ISO 3166-1 alpha-2 country code, such as DE or US.
/// </summary>
/// <remarks><c>default(CountryCode)</c> is empty and is not a valid country code.</remarks>
public readonly record struct CountryCode
{
    public const int Length = 2;

    private const string Kind = "country code";

    private readonly string? _value;

    private CountryCode(string value) => _value = value;

    /// <summary>The normalized value: two upper-case letters.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>
    /// Returns whether <paramref name="code"/> is an officially assigned ISO 3166-1 alpha-2 code.
    /// Case and whitespace are ignored, as in <see cref="TryParse"/>.
    /// </summary>
    public static bool IsAssigned([NotNullWhen(true)] string? code) => Check(code, out _) is null;

    public static bool TryParse([NotNullWhen(true)] string? text, out CountryCode value)
    {
        var error = Check(text, out var normalized);
        value = error is null ? new CountryCode(normalized) : default;
        return error is null;
    }

    /// <exception cref="FormatException">The text is not an assigned country code. The message names the rule it breaks.</exception>
    public static CountryCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = Check(text, out var normalized);
        return error is null ? new CountryCode(normalized) : throw new FormatException(error);
    }

    /// <summary>Returns null when <paramref name="text"/> is an assigned country code, or else the error message.</summary>
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

        if (!CountryCodeTable.IsAssigned(normalized))
        {
            return IdentifierText.Invalid(Kind, text, "not an officially assigned ISO 3166-1 alpha-2 code");
        }

        return null;
    }
}
