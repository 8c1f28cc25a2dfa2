using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class FigiTests
{
    [Fact]
    public void Figi_ReferenceValue_IsValid()
    {
        Assert.Null(Figi.Validate("BBG000002KG4"));
    }

    [Fact]
    public void Figi_WrongCheckDigit_IsInvalid()
    {
        var error = Figi.Validate("BBG000002KG5");

        Assert.Equal("Invalid FIGI 'BBG000002KG5': the check digit should be 4.", error);
    }

    [Theory]
    [InlineData("BS")]
    [InlineData("BM")]
    [InlineData("GG")]
    [InlineData("GB")]
    [InlineData("GH")]
    [InlineData("KY")]
    [InlineData("VG")]
    public void Figi_IsinCountryPrefix_IsInvalid(string prefix)
    {
        var error = Figi.Validate(WithCheckDigit(prefix + "G000002KG"));

        Assert.NotNull(error);
        Assert.Contains($"prefix '{prefix}' is excluded", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Figi_VowelInPrefix_IsInvalid()
    {
        var error = Figi.Validate(WithCheckDigit("BAG000002KG"));

        Assert.NotNull(error);
        Assert.Contains("'BA' must be consonants", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Figi_ThirdCharacterNotG_IsInvalid()
    {
        var error = Figi.Validate(WithCheckDigit("BBH000002KG"));

        Assert.NotNull(error);
        Assert.Contains("third character must be 'G', not 'H'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Figi_VowelInBody_IsInvalid()
    {
        var error = Figi.Validate(WithCheckDigit("BBG00000AKG"));

        Assert.NotNull(error);
        Assert.Contains("character 9 is 'A'", error, StringComparison.Ordinal);
    }

    // Test oracle: appends the modulus 10 "double add double" check digit, so that only the
    // structure rule under test can reject the value.
    private static string WithCheckDigit(string payload)
    {
        var sum = 0;
        for (var index = 0; index < payload.Length; index++)
        {
            var character = payload[index];
            var value = char.IsAsciiDigit(character) ? character - '0' : character - 'A' + 10;
            var term = index % 2 == 1 ? value * 2 : value;
            sum += term / 10 + term % 10;
        }

        return payload + (char)('0' + (10 - sum % 10) % 10);
    }
}
