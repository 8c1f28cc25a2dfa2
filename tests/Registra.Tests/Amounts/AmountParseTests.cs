using Registra.Amounts;

namespace Registra.Tests.Amounts;

public sealed class AmountParseTests
{
    [Theory]
    [InlineData("12.5", 2, 1250)]
    [InlineData("12.50", 2, 1250)]
    [InlineData("0", 0, 0)]
    [InlineData("007", 3, 7000)]
    [InlineData("-3.1", 1, -31)]
    [InlineData(" 42 ", 0, 42)]
    [InlineData("10000000", 0, 10_000_000)]
    public void Parse_ValidText_ReturnsUnits(string text, int decimals, long expected)
    {
        var result = Amount.Parse(text, decimals);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(new Amount(expected), result.Amount);
    }

    [Fact]
    public void Parse_MaxInt128_Fits()
    {
        var result = Amount.Parse("170141183460469231731687303715884105727", 0);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(Int128.MaxValue, result.Amount.Units);
    }

    [Theory]
    [InlineData("170141183460469231731687303715884105728", 0)]
    [InlineData("-170141183460469231731687303715884105728", 0)]
    [InlineData("170141183460469231732", 18)]
    [InlineData("99999999999999999999999999999999999999999999", 0)]
    public void Parse_Overflow_IsTooLarge(string text, int decimals)
    {
        var result = Amount.Parse(text, decimals);

        Assert.False(result.IsValid);
        Assert.Equal($"'{text}' is too large", result.Error);
    }

    [Theory]
    [InlineData("1.234", 2, true)]
    [InlineData("1e5", 0, false)]
    [InlineData("+1", 0, false)]
    [InlineData("1.", 2, false)]
    [InlineData(".5", 2, false)]
    [InlineData("", 2, false)]
    [InlineData("1,000", 0, false)]
    public void Parse_InvalidText_Rejected(string text, int decimals, bool granularity)
    {
        var result = Amount.Parse(text, decimals);

        Assert.False(result.IsValid);
        Assert.Equal(granularity, result.IsGranularityError);
    }

    [Fact]
    public void Parse_HugeText_QuotesExcerptOnly()
    {
        var text = new string('7', 100_000);

        var result = Amount.Parse(text, 0);

        Assert.False(result.IsValid);
        Assert.Equal($"'{new string('7', 60)}… (100000 characters)' is too large", result.Error);
    }

    [Fact]
    public void ParseAmount_Zero_HintStartsCapitalized()
    {
        var (_, failure) = Registra.Register.Register.ParseAmount("0", 2);

        Assert.NotNull(failure);
        Assert.Equal("The amount '0' must be greater than zero; send a positive decimal string such as \"12.5\".", failure.Hint);
    }

    [Fact]
    public void ParseAmount_HugeText_ShortensCurrentValue()
    {
        var text = "1." + new string('1', 500_000);

        var (_, failure) = Registra.Register.Register.ParseAmount(text, 2);

        Assert.NotNull(failure);
        Assert.Equal("invalid_granularity", failure.Code.Name);
        Assert.True(failure.Current!.Length < 100, $"current has {failure.Current.Length} characters");
        Assert.True(failure.Hint.Length < 200, $"hint has {failure.Hint.Length} characters");
    }
}
