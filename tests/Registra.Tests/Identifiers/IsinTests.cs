using System.Numerics;
using CsCheck;
using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class IsinTests
{
    [Fact]
    public void Isin_AppleIsin_IsValid()
    {
        Assert.Null(Isin.Validate("US0378331005"));
        Assert.True(Isin.TryParse("US0378331005", out var isin));
        Assert.Equal("US0378331005", isin.ToString());
    }

    [Fact]
    public void Isin_WrongCheckDigit_IsInvalid()
    {
        var error = Isin.Validate("US0378331004");

        Assert.Equal("Invalid ISIN 'US0378331004': the check digit should be 5.", error);
    }

    [Fact]
    public void Isin_WrongCheckDigit_ParseThrowsFormatException()
    {
        var exception = Assert.Throws<FormatException>(() => Isin.Parse("US0378331004"));

        Assert.Contains("US0378331004", exception.Message, StringComparison.Ordinal);
        Assert.Contains("check digit should be 5", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Isin_UnassignedPrefix_IsInvalid()
    {
        // The candidate gets a correct check digit, so only the prefix rule can reject it.
        var value = "ZZ" + "037833100";
        var candidate = value + ComputeCheckDigit(value);

        var error = Isin.Validate(candidate);

        Assert.NotNull(error);
        Assert.Contains($"'{candidate}'", error, StringComparison.Ordinal);
        Assert.Contains("prefix 'ZZ'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XS0110106365")]
    [InlineData("XC0006883695")]
    [InlineData("AN8068571086")]
    public void Isin_NonCountryPrefix_IsValid(string value)
    {
        Assert.True(Isin.TryParse(value, out var isin));
        Assert.Null(isin.Country);
        Assert.Null(isin.EmbeddedCusip);
    }

    [Fact]
    public void Isin_UsIsin_EmbedsCusip()
    {
        var isin = Isin.Parse("US0378331005");

        Assert.Equal(Cusip.Parse("037833100"), isin.EmbeddedCusip);
        Assert.Equal("US", isin.Prefix);
        Assert.Equal(CountryCode.Parse("US"), isin.Country);
    }

    [Fact]
    public void Isin_CanadianIsin_EmbedsCusip()
    {
        var isin = Isin.Parse("CA4656761042");

        Assert.Equal("465676104", isin.EmbeddedCusip?.Value);
    }

    [Fact]
    public void Isin_GermanIsin_HasNoEmbeddedCusip()
    {
        var isin = Isin.Parse(ReferenceData.ReadLines("isin").First(line => line.StartsWith("DE", StringComparison.Ordinal)));

        Assert.Null(isin.EmbeddedCusip);
        Assert.Equal("DE", isin.Country?.Value);
    }

    [Theory]
    [InlineData("us0378331005")]
    [InlineData("  US 0378 3310 05 ")]
    [InlineData("\tUS0378331005\n")]
    public void Isin_SpacesAndLowerCase_AreNormalized(string text)
    {
        var isin = Isin.Parse(text);

        Assert.Equal("US0378331005", isin.ToString());
        Assert.Equal(Isin.Parse("US0378331005"), isin);
    }

    [Fact]
    public void Isin_DigitInPrefix_IsInvalid()
    {
        var error = Isin.Validate("U10378331005");

        Assert.NotNull(error);
        Assert.Contains("'U1' must be two letters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Isin_LetterAsCheckDigit_IsInvalid()
    {
        var error = Isin.Validate("US037833100X");

        Assert.NotNull(error);
        Assert.Contains("check digit 0-9, not 'X'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Isin_DefaultValue_IsEmpty()
    {
        var isin = default(Isin);

        Assert.Equal(string.Empty, isin.ToString());
        Assert.Equal(string.Empty, isin.Prefix);
        Assert.Null(isin.EmbeddedCusip);
        Assert.Null(isin.Country);
    }

    [Fact]
    public void Isin_RandomPayload_AgreesWithIndependentLuhn()
    {
        var payloads = Gen.Char["0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"].Array[9, 9].Select(characters => "US" + new string(characters));
        var checkDigits = Gen.Char['0', '9'];

        Gen.Select(payloads, checkDigits).Sample((payload, checkDigit) =>
        {
            var candidate = payload + checkDigit;
            var expectedValid = ComputeCheckDigit(payload) == checkDigit;

            return Isin.TryParse(candidate, out _) == expectedValid;
        });
    }

    // Test oracle: expands letters to decimal text, then runs the Luhn check on a BigInteger's digits.
    private static char ComputeCheckDigit(string payload)
    {
        var digits = string.Concat(payload.Select(character => char.IsAsciiDigit(character)
            ? character.ToString()
            : (character - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        for (var candidate = 0; candidate <= 9; candidate++)
        {
            if (LuhnSum(BigInteger.Parse(digits + candidate, System.Globalization.CultureInfo.InvariantCulture)) % 10 == 0)
            {
                return (char)('0' + candidate);
            }
        }

        throw new InvalidOperationException("The Luhn check has no digit for " + payload);
    }

    private static int LuhnSum(BigInteger number)
    {
        var sum = 0;
        var position = 0;
        while (number > 0)
        {
            var digit = (int)(number % 10);
            number /= 10;
            var term = position % 2 == 1 ? digit * 2 : digit;
            sum += term > 9 ? term - 9 : term;
            position++;
        }

        return sum;
    }
}
