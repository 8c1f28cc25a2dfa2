using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class VinTests
{
    private const string ValidVin = "1M8GDM9AXKP042788";

    [Fact]
    public void Vin_KnownValue_IsValid()
    {
        Assert.Null(Vin.Validate(ValidVin));
        Assert.Equal(ValidVin, Vin.Parse(ValidVin.ToLowerInvariant()).ToString());
    }

    [Fact]
    public void Vin_WrongCheckDigit_IsInvalid()
    {
        foreach (var digit in "0123456789")
        {
            var mutated = ValidVin[..8] + digit + ValidVin[9..];
            var error = Vin.Validate(mutated);

            Assert.True(error is not null, $"VIN '{mutated}' should be invalid");
            Assert.Equal($"Invalid VIN '{mutated}': the check digit at position 9 should be X.", error);
        }
    }

    [Fact]
    public void Vin_CheckDigitTen_IsWrittenAsX()
    {
        Assert.Equal('X', ValidVin[8]);
        Assert.True(Vin.TryParse(ValidVin, out _));
    }

    [Fact]
    public void Vin_NumericCheckDigit_IsValid()
    {
        // All ones: the weights sum to 89, and 89 mod 11 = 1, so the check digit is 1.
        Assert.Null(Vin.Validate("11111111111111111"));
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Q')]
    public void Vin_ExcludedLetter_IsInvalid(char letter)
    {
        var mutated = ValidVin[..12] + letter + ValidVin[13..];

        var error = Vin.Validate(mutated);

        Assert.NotNull(error);
        Assert.Contains($"'{mutated}'", error, StringComparison.Ordinal);
        Assert.Contains($"character '{letter}' is not allowed", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1M8GDM9AXKP04278", 16)]
    [InlineData("1M8GDM9AXKP0427880", 18)]
    public void Vin_WrongLength_IsInvalid(string value, int length)
    {
        var error = Vin.Validate(value);

        Assert.Equal($"Invalid VIN '{value}': must be 17 characters, not {length}.", error);
    }
}
