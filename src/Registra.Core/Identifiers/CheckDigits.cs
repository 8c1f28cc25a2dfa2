namespace Registra.Identifiers;

/// <summary>
/// Check-digit algorithms for the identifier types. Every method expects a normalized value
/// whose characters the caller has already checked, so none of them validates its input.
/// </summary>
internal static class CheckDigits
{
    /// <summary>
    /// Returns the numeric value of an identifier character: digits 0-9 are 0-9, letters A-Z
    /// are 10-35, and the CUSIP characters '*', '@' and '#' are 36, 37 and 38.
    /// </summary>
    public static int CharacterValue(char character) => character switch
    {
        >= '0' and <= '9' => character - '0',
        >= 'A' and <= 'Z' => character - 'A' + 10,
        '*' => 36,
        '@' => 37,
        '#' => 38,
        _ => throw new ArgumentOutOfRangeException(nameof(character), character, "Not an identifier character."),
    };

    /// <summary>
    /// Computes the modulus 10 "double add double" check digit used by CUSIP and FIGI: every
    /// character of <paramref name="payload"/> at an even position (counting from 1) has its
    /// value doubled, and the decimal digits of all values are summed.
    /// </summary>
    public static int DoubleAddDouble(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        for (var index = 0; index < payload.Length; index++)
        {
            var value = CharacterValue(payload[index]);
            if (index % 2 == 1)
            {
                value *= 2;
            }

            sum += value / 10 + value % 10;
        }

        return (10 - sum % 10) % 10;
    }

    /// <summary>
    /// Computes the ISIN check digit: each letter is replaced by its two-digit value
    /// (A = 10 ... Z = 35), and the Luhn algorithm runs over the resulting digit string.
    /// </summary>
    public static int LuhnOverLetterExpansion(ReadOnlySpan<char> payload)
    {
        var sum = 0;

        // The digit next to the check digit is doubled, then every second digit to its left.
        var doubleNext = true;
        for (var index = payload.Length - 1; index >= 0; index--)
        {
            var value = CharacterValue(payload[index]);
            if (value >= 10)
            {
                sum += LuhnTerm(value % 10, ref doubleNext);
                sum += LuhnTerm(value / 10, ref doubleNext);
            }
            else
            {
                sum += LuhnTerm(value, ref doubleNext);
            }
        }

        return (10 - sum % 10) % 10;
    }

    /// <summary>
    /// Computes the remainder modulo 97 of the number formed by replacing each letter of
    /// <paramref name="value"/> with its two-digit value (ISO 7064 MOD 97-10).
    /// </summary>
    public static int Mod97(ReadOnlySpan<char> value)
    {
        var remainder = 0;
        foreach (var character in value)
        {
            var characterValue = CharacterValue(character);
            var scale = characterValue >= 10 ? 100 : 10;
            remainder = (remainder * scale + characterValue) % 97;
        }

        return remainder;
    }

    private static int LuhnTerm(int digit, ref bool doubleNext)
    {
        var term = doubleNext ? digit * 2 : digit;
        doubleNext = !doubleNext;
        return term / 10 + term % 10;
    }
}
