using System.Text;

namespace Registra.Identifiers;

/// <summary>
/// Normalization and error messages shared by the identifier types.
/// </summary>
internal static class IdentifierText
{
    // Values longer than this are cut in messages, so a pasted document cannot flood a log line.
    private const int MaxQuotedLength = 40;

    /// <summary>
    /// Removes all whitespace (leading, trailing and inner, as in "57056B ZW1") and converts
    /// letters to upper case with the invariant culture.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (!char.IsWhiteSpace(character))
            {
                builder.Append(char.ToUpperInvariant(character));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Builds the message for a null value.
    /// </summary>
    public static string Missing(string kind, int length) =>
        $"Invalid {kind}: the value is missing (null); expected {length} characters.";

    /// <summary>
    /// Normalizes <paramref name="text"/> and checks that it is not empty, uses only allowed
    /// characters and has the expected length. Returns the error message, or null when the
    /// value passes these checks.
    /// </summary>
    public static string? CheckShape(
        string kind,
        string text,
        int length,
        Func<char, bool> isAllowed,
        string allowedCharacters,
        out string normalized)
    {
        normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return $"Invalid {kind} {Quote(text)}: the value is empty; expected {length} characters.";
        }

        foreach (var character in normalized)
        {
            if (!isAllowed(character))
            {
                return $"Invalid {kind} {Quote(text)}: character {QuoteCharacter(character)} is not allowed; "
                    + $"expected only {allowedCharacters}.";
            }
        }

        if (normalized.Length != length)
        {
            return $"Invalid {kind} {Quote(text)}: must be {length} characters, not {normalized.Length}.";
        }

        return null;
    }

    /// <summary>
    /// Builds the message for a value that fails the rule described by <paramref name="problem"/>.
    /// </summary>
    public static string Invalid(string kind, string text, string problem) =>
        $"Invalid {kind} {Quote(text)}: {problem}.";

    /// <summary>
    /// Quotes a value for a message, cut to <see cref="MaxQuotedLength"/> characters and with
    /// control characters written as \uXXXX so that a message stays on one line.
    /// </summary>
    public static string Quote(string text)
    {
        var shortened = text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "...";
        var builder = new StringBuilder(shortened.Length + 2);
        builder.Append('\'');
        foreach (var character in shortened)
        {
            AppendVisible(builder, character);
        }

        builder.Append('\'');
        return builder.ToString();
    }

    private static string QuoteCharacter(char character)
    {
        var builder = new StringBuilder(8);
        builder.Append('\'');
        AppendVisible(builder, character);
        builder.Append('\'');
        return builder.ToString();
    }

    private static void AppendVisible(StringBuilder builder, char character)
    {
        if (char.IsControl(character))
        {
            builder.Append(@"\u").Append(((int)character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Append(character);
        }
    }

    public static bool IsAsciiLetterOrDigit(char character) => char.IsAsciiLetterUpper(character) || char.IsAsciiDigit(character);
}
