using System.Globalization;
using System.Numerics;
using CsCheck;
using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class LeiTests
{
    private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    [Theory]
    [InlineData("0YPKKE5F0QW6RC51HE09")]
    [InlineData("2138001CY61HDFJ5ZA27")]
    [InlineData("213800699Y1P5GMARI40")]
    public void Lei_KnownValues_AreValid(string value)
    {
        Assert.Null(Lei.Validate(value));
        Assert.Equal(1, Mod97(value));
    }

    [Fact]
    public void Lei_WrongCheckDigits_NamesExpectedDigits()
    {
        var error = Lei.Validate("2138001CY61HDFJ5ZA28");

        Assert.Equal("Invalid LEI '2138001CY61HDFJ5ZA28': the check digits should be 27.", error);
    }

    [Fact]
    public void Lei_SingleCharacterChange_IsInvalid()
    {
        const string valid = "0YPKKE5F0QW6RC51HE09";
        for (var index = 0; index < valid.Length; index++)
        {
            foreach (var replacement in Alphanumerics)
            {
                if (replacement == valid[index])
                {
                    continue;
                }

                var mutated = valid[..index] + replacement + valid[(index + 1)..];
                Assert.True(Lei.TryParse(mutated, out _) == (Mod97(mutated) == 1), $"LEI '{mutated}' disagrees with MOD 97-10");
            }
        }
    }

    [Fact]
    public void Lei_LetterInCheckDigits_IsInvalid()
    {
        var error = Lei.Validate("2138001CY61HDFJ5ZA2A");

        Assert.NotNull(error);
        Assert.Contains("check digits 0-9, not '2A'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lei_RandomValue_MatchesMod97()
    {
        Gen.Char[Alphanumerics].Array[18, 18].Select(characters => new string(characters)).Sample(payload =>
        {
            var remainder = Mod97(payload + "00");
            var checkDigits = (98 - remainder).ToString("00", CultureInfo.InvariantCulture);
            var valid = payload + checkDigits;
            var invalid = payload + ((98 - remainder + 1) % 100).ToString("00", CultureInfo.InvariantCulture);

            return Lei.TryParse(valid, out _) && Mod97(valid) == 1 && !Lei.TryParse(invalid, out _);
        });
    }

    // Test oracle: expands letters to decimal text and takes the remainder of a BigInteger.
    private static int Mod97(string value)
    {
        var digits = string.Concat(value.Select(character => char.IsAsciiDigit(character)
            ? character.ToString()
            : (character - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        return (int)(BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97);
    }
}
