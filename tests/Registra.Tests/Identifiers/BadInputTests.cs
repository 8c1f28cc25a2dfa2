using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class BadInputTests
{
    public static TheoryData<string, Func<string?, string?>> Validators => new()
    {
        { "ISIN", Isin.Validate },
        { "CUSIP", Cusip.Validate },
        { "LEI", Lei.Validate },
        { "FIGI", Figi.Validate },
        { "VIN", Vin.Validate },
        { "country code", CountryCode.Validate },
        { "currency code", CurrencyCode.Validate },
    };

    [Theory]
    [MemberData(nameof(Validators))]
    public void BadInput_Null_ReportsMissingValue(string kind, Func<string?, string?> validate)
    {
        var error = validate(null);

        Assert.NotNull(error);
        Assert.StartsWith($"Invalid {kind}: the value is missing (null)", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void BadInput_Empty_ReportsEmptyValue(string kind, Func<string?, string?> validate)
    {
        var error = validate(string.Empty);

        Assert.NotNull(error);
        Assert.StartsWith($"Invalid {kind} '': the value is empty", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void BadInput_Whitespace_ReportsEmptyValue(string kind, Func<string?, string?> validate)
    {
        var error = validate("   ");

        Assert.NotNull(error);
        Assert.StartsWith($"Invalid {kind} '   ': the value is empty", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void BadInput_TooLong_NamesValueAndLength(string kind, Func<string?, string?> validate)
    {
        var value = new string('B', 30);

        var error = validate(value);

        Assert.NotNull(error);
        Assert.StartsWith($"Invalid {kind} '{value}': must be ", error, StringComparison.Ordinal);
        Assert.EndsWith(" characters, not 30.", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void BadInput_Punctuation_NamesValueAndCharacter(string kind, Func<string?, string?> validate)
    {
        const string value = "US-03783310";

        var error = validate(value);

        Assert.NotNull(error);
        Assert.StartsWith($"Invalid {kind} '{value}': character '-' is not allowed", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void BadInput_NonAsciiLetter_IsRejected(string kind, Func<string?, string?> validate)
    {
        const string value = "ÜS";

        var error = validate(value);

        Assert.NotNull(error);
        Assert.StartsWith($"Invalid {kind} '{value}': character 'Ü' is not allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_LongValue_IsShortenedInMessage()
    {
        var value = new string('9', 10_000);

        var error = Isin.Validate(value);

        Assert.NotNull(error);
        Assert.Contains($"'{value[..40]}...'", error, StringComparison.Ordinal);
        Assert.Contains("not 10000", error, StringComparison.Ordinal);
        Assert.True(error.Length < 200, $"message is {error.Length} characters long");
    }

    [Fact]
    public void BadInput_ControlCharacter_IsEscapedInMessage()
    {
        var error = Isin.Validate("US03783\u000131005");

        Assert.NotNull(error);
        Assert.DoesNotContain("\u0001", error, StringComparison.Ordinal);
        Assert.Contains(@"'US03783\u000131005'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_ParseNull_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Isin.Parse(null!));
    }

    [Fact]
    public void BadInput_ParseEmpty_ThrowsFormatException()
    {
        var exception = Assert.Throws<FormatException>(() => Lei.Parse(" "));

        Assert.Equal("Invalid LEI ' ': the value is empty; expected 20 characters.", exception.Message);
    }
}
