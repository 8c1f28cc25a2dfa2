using System.Globalization;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Tests.Register;

namespace Registra.Tests.Compliance;

/// <summary>Volume limits, holding periods and distribution compliance periods.</summary>
public sealed class TimeRuleTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static Amount Hundredths(long units) => Amount.FromUnits(units);

    /// <summary>A security with two decimals. Alice holds 100.00 and may send 6.00 per rolling 24 hours.</summary>
    private static RegisterFixture VolumeLimited() =>
        RegisterFixture.Create(alice: 10_000, bob: 0, decimals: 2,
            rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new VolumeLimitRule("6", "PT24H")]);

    [Fact]
    public void VolumeLimit_UpToLimit_Succeeds()
    {
        var fixture = VolumeLimited();

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(200)));
        fixture.Advance(TimeSpan.FromHours(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(400)));

        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void VolumeLimit_AboveLimit_IsRejected()
    {
        var fixture = VolumeLimited();
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(200)));
        fixture.Advance(TimeSpan.FromHours(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(400)));
        fixture.Advance(TimeSpan.FromHours(1));

        var failures = fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(10)), Reasons.Reasons.VolumeLimitExceeded);

        Assert.Equal("6", failures[0].Limit);
        Assert.Equal("6.1", failures[0].Current);
    }

    [Fact]
    public void VolumeLimit_AfterWindow_FirstTransferExpires()
    {
        var fixture = VolumeLimited();
        var first = fixture.Now;
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(200)));
        fixture.Advance(TimeSpan.FromHours(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(400)));

        fixture.AdvanceTo(first.AddHours(24));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(200)));

        Assert.Equal(800, fixture.Balance(Bob));
    }

    [Fact]
    public void VolumeLimit_JustBeforeWindowEnds_IsRejected()
    {
        var fixture = VolumeLimited();
        var first = fixture.Now;
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(200)));
        fixture.Advance(TimeSpan.FromHours(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(400)));

        fixture.AdvanceTo(first.AddHours(24).AddSeconds(-1));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(200)), Reasons.Reasons.VolumeLimitExceeded);
    }

    [Fact]
    public void VolumeLimit_RejectedBatch_RecordsNoOutflow()
    {
        var fixture = VolumeLimited();
        fixture.AssertRejected(new BatchTransfer(fixture.SecurityId,
        [
            new TransferLeg(Alice, Bob, Hundredths(500)),
            new TransferLeg(Alice, Bob, Hundredths(500)),
        ]), Reasons.Reasons.VolumeLimitExceeded);

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Hundredths(600)));

        Assert.Equal(600, fixture.Balance(Bob));
    }

    /// <summary>Alice acquired 100 on 2025-03-01 and 50 on 2025-09-01, and units must be held 12 months.</summary>
    private static RegisterFixture TwoLots()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, start: Instant("2025-01-01T00:00:00Z"),
            rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new HoldingPeriodRule("P12M")]);
        fixture.AdvanceTo(Instant("2025-03-01T00:00:00Z"));
        fixture.MustExecute(new Issue(fixture.SecurityId, Alice, Amount.FromUnits(100)));
        fixture.AdvanceTo(Instant("2025-09-01T00:00:00Z"));
        fixture.MustExecute(new Issue(fixture.SecurityId, Alice, Amount.FromUnits(50)));
        return fixture;
    }

    [Fact]
    public void HoldingPeriod_FirstLotMatured_SendsFirstLot()
    {
        var fixture = TwoLots();
        fixture.AdvanceTo(Instant("2026-03-01T00:00:00Z"));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(100)));

        Assert.Equal(50, fixture.Balance(Alice));
    }

    [Fact]
    public void HoldingPeriod_FirstLotMatured_RejectsMore()
    {
        var fixture = TwoLots();
        fixture.AdvanceTo(Instant("2026-03-01T00:00:00Z"));

        var failures = fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(101)), Reasons.Reasons.TokensLocked);

        Assert.Equal("100", failures[0].Current);
    }

    [Fact]
    public void HoldingPeriod_BeforeFirstLotMatures_RejectsAll()
    {
        var fixture = TwoLots();
        fixture.AdvanceTo(Instant("2026-02-28T23:59:59Z"));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(1)), Reasons.Reasons.TokensLocked);
    }

    [Fact]
    public void HoldingPeriod_BothLotsMatured_SendsAll()
    {
        var fixture = TwoLots();
        fixture.AdvanceTo(Instant("2026-09-01T00:00:00Z"));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(150)));

        Assert.Equal(0, fixture.Balance(Alice));
    }

    [Fact]
    public void HoldingPeriod_ReceivedUnits_StartNewLot()
    {
        var fixture = TwoLots();
        fixture.AdvanceTo(Instant("2026-09-01T00:00:00Z"));
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(150)));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Bob, Alice, Amount.FromUnits(1)), Reasons.Reasons.TokensLocked);
    }

    /// <summary>US persons cannot receive until 2026-01-10, and Uma is a US person.</summary>
    private static (RegisterFixture Fixture, string Uma) CompliancePeriod()
    {
        var fixture = RegisterFixture.Create(start: Instant("2026-01-01T00:00:00Z"),
            rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new DistributionCompliancePeriodRule(Instant("2026-01-10T00:00:00Z"))]);
        var uma = fixture.AddInvestor("uma", (ClaimTypes.UsPerson, "true"));
        return (fixture, uma);
    }

    [Fact]
    public void CompliancePeriod_UsPersonBeforeEnd_IsRejected()
    {
        var (fixture, uma) = CompliancePeriod();
        fixture.AdvanceTo(Instant("2026-01-09T23:59:59Z"));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, uma, Amount.FromUnits(10)), Reasons.Reasons.DistributionCompliancePeriod);
    }

    [Fact]
    public void CompliancePeriod_UsPersonAtEnd_Succeeds()
    {
        var (fixture, uma) = CompliancePeriod();
        fixture.AdvanceTo(Instant("2026-01-10T00:00:00Z"));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, uma, Amount.FromUnits(10)));

        Assert.Equal(10, fixture.Balance(uma));
    }

    [Fact]
    public void CompliancePeriod_NonUsPerson_Succeeds()
    {
        var (fixture, _) = CompliancePeriod();

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(10)));

        Assert.Equal(510, fixture.Balance(Bob));
    }
}
