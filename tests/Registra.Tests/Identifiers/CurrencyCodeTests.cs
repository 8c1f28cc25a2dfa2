using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class CurrencyCodeTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("BHD", 3)]
    [InlineData("EUR", 2)]
    [InlineData("CHF", 2)]
    [InlineData("GBP", 2)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    [InlineData("KRW", 0)]
    public void CurrencyCode_ActiveCode_HasMinorUnits(string code, int minorUnits)
    {
        var currency = CurrencyCode.Parse(code);

        Assert.Equal(minorUnits, currency.MinorUnits);
    }

    [Theory]
    [InlineData("XAU")]
    [InlineData("XDR")]
    [InlineData("XXX")]
    public void CurrencyCode_CodeWithoutMinorUnit_HasNullMinorUnits(string code)
    {
        Assert.Null(CurrencyCode.Parse(code).MinorUnits);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("DEM")]
    [InlineData("HRK")]
    [InlineData("ZWL")]
    public void CurrencyCode_UnknownOrWithdrawnCode_IsRejected(string code)
    {
        Assert.False(CurrencyCode.TryParse(code, out _));
        Assert.Equal($"Invalid currency code '{code}': not an active ISO 4217 currency code.", CurrencyCode.Validate(code));
    }

    [Fact]
    public void CurrencyCode_LowerCase_IsNormalized()
    {
        Assert.Equal("USD", CurrencyCode.Parse(" usd ").ToString());
    }

    [Fact]
    public void CurrencyCode_NumericCode_IsRejected()
    {
        var error = CurrencyCode.Validate("840");

        Assert.Equal("Invalid currency code '840': character '8' is not allowed; expected only letters A-Z.", error);
    }

    [Fact]
    public void CurrencyCode_DefaultValue_HasNoMinorUnits()
    {
        Assert.Null(default(CurrencyCode).MinorUnits);
        Assert.Equal(string.Empty, default(CurrencyCode).ToString());
    }

    [Fact]
    public void CurrencyCode_Table_Has179Codes()
    {
        Assert.Equal(179, CurrencyCodeTable.Count);
    }
}
