using Registra.Identifiers;

namespace Registra.Tests.Identifiers;

public sealed class ReferenceFileTests
{
    public static TheoryData<string> Kinds => new() { "isin", "cusip", "lei", "figi" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ReferenceFile_EveryLine_IsValid(string kind)
    {
        var lines = ReferenceData.ReadLines(kind);

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var error = SecurityIdentifier.Validate(kind, line);
            Assert.True(error is null, $"{kind} '{line}' should be valid: {error}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ReferenceFile_OtherCheckDigit_IsInvalid(string kind)
    {
        var lines = ReferenceData.ReadLines(kind);

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var compact = line.Replace(" ", string.Empty, StringComparison.Ordinal);
            var checkDigit = compact[^1];
            foreach (var digit in "0123456789")
            {
                if (digit == checkDigit)
                {
                    continue;
                }

                var mutated = compact[..^1] + digit;
                Assert.True(SecurityIdentifier.Validate(kind, mutated) is not null, $"{kind} '{mutated}' (from '{line}') should be invalid");
            }
        }
    }

    [Fact]
    public void ReferenceFile_CusipWithInnerSpace_IsNormalized()
    {
        var cusip = Cusip.Parse("57056B ZW1");

        Assert.Equal("57056BZW1", cusip.ToString());
    }

    [Fact]
    public void ReferenceFile_Isins_ParseToEquivalentTypedValues()
    {
        foreach (var line in ReferenceData.ReadLines("isin"))
        {
            Assert.True(Isin.TryParse(line, out var isin), $"ISIN '{line}' should parse");
            Assert.Equal(line, isin.Value);
        }
    }
}
