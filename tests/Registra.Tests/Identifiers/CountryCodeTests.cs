using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class CountryCodeTests
{
    [Theory]
    [InlineData("DE")]
    [InlineData("US")]
    [InlineData("KP")]
    [InlineData("IR")]
    [InlineData("SS")]
    [InlineData("AX")]
    public void CountryCode_AssignedCode_IsAssigned(string code)
    {
        Assert.True(CountryCode.IsAssigned(code));
        Assert.Null(CountryCode.Validate(code));
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("ZZ")]
    [InlineData("UK")]
    [InlineData("AN")]
    [InlineData("XK")]
    [InlineData("EU")]
    public void CountryCode_UnassignedCode_IsRejected(string code)
    {
        Assert.False(CountryCode.IsAssigned(code));
        Assert.Equal(
            $"Invalid country code '{code}': not an officially assigned ISO 3166-1 alpha-2 code.",
            CountryCode.Validate(code));
    }

    [Theory]
    [InlineData("de")]
    [InlineData(" De ")]
    public void CountryCode_LowerCase_IsNormalized(string text)
    {
        Assert.True(CountryCode.IsAssigned(text));
        Assert.Equal("DE", CountryCode.Parse(text).ToString());
    }

    [Theory]
    [InlineData("D")]
    [InlineData("DEU")]
    public void CountryCode_WrongLength_IsRejected(string text)
    {
        var error = CountryCode.Validate(text);

        Assert.Equal($"Invalid country code '{text}': must be 2 characters, not {text.Length}.", error);
    }

    [Fact]
    public void CountryCode_Digits_AreRejected()
    {
        var error = CountryCode.Validate("276");

        Assert.Equal("Invalid country code '276': character '2' is not allowed; expected only letters A-Z.", error);
    }

    [Fact]
    public void CountryCode_Table_Has249SortedCodes()
    {
        var codes = CountryCodeTable.Assigned;

        Assert.Equal(249, codes.Length);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[A-Z]{2}$", code));
    }

    [Fact]
    public void CountryCode_Null_IsRejected()
    {
        Assert.False(CountryCode.IsAssigned(null));
        Assert.False(CountryCode.TryParse(null, out var code));
        Assert.Equal(default, code);
    }
}
