using Registra.Amounts;
using Registra.Compliance;

namespace Registra.Tests.Compliance;

/// <summary>Rules keep parsed parameters for later checks; equality and copies must not see them.</summary>
public sealed class ParsedParameterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void UsedRule_EqualsFreshRule()
    {
        var used = new VolumeLimitRule("10", "PT1H");
        _ = used.WindowStart(Now);

        var fresh = new VolumeLimitRule("10", "PT1H");

        Assert.Equal(fresh, used);
        Assert.Equal(fresh.GetHashCode(), used.GetHashCode());
    }

    [Fact]
    public void CopyWithNewWindow_ParsesAgain()
    {
        var original = new VolumeLimitRule("10", "PT1H");
        Assert.Equal(Now.AddHours(-1), original.WindowStart(Now));

        var copy = original with { Window = "P1D" };

        Assert.Equal(Now.AddDays(-1), copy.WindowStart(Now));
        Assert.Equal(Now.AddHours(-1), original.WindowStart(Now));
    }

    [Fact]
    public void Amount_ParsedPerDecimals()
    {
        var parameter = new ParsedParameter<Amount>();

        Assert.Equal(Amount.FromUnits(15), parameter.Get("1.5", 1, RuleAmount.Units));
        Assert.Equal(Amount.FromUnits(150), parameter.Get("1.5", 2, RuleAmount.Units));
        Assert.Equal(Amount.FromUnits(15), parameter.Get("1.5", 1, RuleAmount.Units));
    }

    [Fact]
    public void ApprovalExpiry_UsesPeriod()
    {
        var rule = new IssuerApprovalRule("P7D");

        Assert.Equal(Now.AddDays(7), rule.ExpiresAt(Now));
        Assert.Equal(Now.AddDays(2), (rule with { ExpiresAfter = "P2D" }).ExpiresAt(Now));
    }
}
