using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class CusipTests
{
    [Theory]
    [InlineData("17275R102")]
    [InlineData("FDIC99425")]
    [InlineData("037833100")]
    public void Cusip_KnownValues_AreValid(string value)
    {
        Assert.Null(Cusip.Validate(value));
        Assert.Equal(value, Cusip.Parse(value).ToString());
    }

    [Fact]
    public void Cusip_WrongCheckDigit_IsInvalid()
    {
        var error = Cusip.Validate("037833101");

        Assert.Equal("Invalid CUSIP '037833101': the check digit should be 0.", error);
    }

    [Fact]
    public void Cusip_PrivatePlacementCharacters_AreChecked()
    {
        // '*' = 36, '@' = 37 and '#' = 38 at positions 2, 4 and 6 double to 72, 74 and 76.
        Assert.Null(Cusip.Validate("1*3@5#784"));
        Assert.NotNull(Cusip.Validate("1*3@5#780"));
    }

    [Fact]
    public void Cusip_SpecialCharacterAsCheckDigit_IsInvalid()
    {
        var error = Cusip.Validate("03783310#");

        Assert.NotNull(error);
        Assert.Contains("check digit 0-9, not '#'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cusip_LowerCase_IsNormalized()
    {
        Assert.Equal("17275R102", Cusip.Parse("17275r102").Value);
    }
}
