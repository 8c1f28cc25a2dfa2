using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class SecurityIdentifierTests
{
    [Theory]
    [InlineData("isin", "US0378331005")]
    [InlineData("ISIN", "US0378331005")]
    [InlineData("Cusip", "037833100")]
    [InlineData("lei", "0YPKKE5F0QW6RC51HE09")]
    [InlineData("figi", "BBG000002KG4")]
    [InlineData("VIN", "1M8GDM9AXKP042788")]
    public void SecurityIdentifier_ValidValue_ReturnsNull(string kind, string value)
    {
        Assert.Null(SecurityIdentifier.Validate(kind, value));
    }

    [Fact]
    public void SecurityIdentifier_InvalidValue_ReturnsTypeMessage()
    {
        Assert.Equal(Isin.Validate("US0378331004"), SecurityIdentifier.Validate("isin", "US0378331004"));
    }

    [Fact]
    public void SecurityIdentifier_WrongKindForValue_ReturnsMessage()
    {
        var error = SecurityIdentifier.Validate("cusip", "US0378331005");

        Assert.Equal("Invalid CUSIP 'US0378331005': must be 9 characters, not 12.", error);
    }

    [Theory]
    [InlineData("sedol")]
    [InlineData("")]
    public void SecurityIdentifier_UnknownKind_ReturnsMessage(string kind)
    {
        var error = SecurityIdentifier.Validate(kind, "US0378331005");

        Assert.Equal($"Unknown identifier kind '{kind}'; expected one of isin, cusip, lei, figi, vin.", error);
    }
}
