using System.Diagnostics.CodeAnalysis;

namespace Registra.Identifiers;

/// <summary>
/// A vehicle identification number (VIN): 17 letters or digits without I, O and Q, whose 9th
/// character is the North American check digit (0-9, or X for remainder 10).
/// </summary>
/// <remarks>
/// NOTE: only North America requires the check digit, so a valid VIN of a vehicle built for
/// another market can fail this check. <c>default(Vin)</c> is empty and is not a valid VIN.
/// </remarks>
public readonly record struct Vin
{
    public const int Length = 17;

    private const string Kind = "VIN";

    private const int CheckDigitIndex = 8;

    // Weights of positions 1-17. Position 9, the check digit itself, has weight 0.
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    private readonly string? _value;

    private Vin(string value) => _value = value;

    /// <summary>The normalized value: 17 upper-case characters without spaces.</summary>
    public string Value => _value ?? string.Empty;

    public static bool TryParse([NotNullWhen(true)] string? text, out Vin value)
    {
        var error = Check(text, out var normalized);
        value = error is null ? new Vin(normalized) : default;
        return error is null;
    }

    /// <exception cref="FormatException">The text is not a valid VIN. The message names the rule it breaks.</exception>
    public static Vin Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = Check(text, out var normalized);
        return error is null ? new Vin(normalized) : throw new FormatException(error);
    }

    /// <summary>Returns null when <paramref name="text"/> is a valid VIN, or else the error message.</summary>
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
            Kind, text, Length, IsAllowed, "letters A-Z except I, O and Q, and digits 0-9", out normalized);
        if (shapeError is not null)
        {
            return shapeError;
        }

        var expected = ComputeCheckCharacter(normalized);
        if (normalized[CheckDigitIndex] != expected)
        {
            return IdentifierText.Invalid(Kind, text, $"the check digit at position 9 should be {expected}");
        }

        return null;
    }

    private static char ComputeCheckCharacter(string normalized)
    {
        var sum = 0;
        for (var index = 0; index < Length; index++)
        {
            sum += Transliterate(normalized[index]) * Weights[index];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    // Letters count 1-9 within the runs A-I and J-R, and 2-9 within S-Z. I, O and Q never reach here.
    private static int Transliterate(char character) => character switch
    {
        >= '0' and <= '9' => character - '0',
        >= 'A' and <= 'I' => character - 'A' + 1,
        >= 'J' and <= 'R' => character - 'J' + 1,
        >= 'S' and <= 'Z' => character - 'S' + 2,
        _ => throw new ArgumentOutOfRangeException(nameof(character), character, "Not a VIN character."),
    };

    private static bool IsAllowed(char character) =>
        IdentifierText.IsAsciiLetterOrDigit(character) && character is not ('I' or 'O' or 'Q');
}
