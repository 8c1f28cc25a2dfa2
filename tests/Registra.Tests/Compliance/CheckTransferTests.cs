using CsCheck;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Tests.Register;

namespace Registra.Tests.Compliance;

public sealed class CheckTransferTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    /// <summary>Two holders at a cap of 2, KP blocked, and Alice's units locked for a year. Kim is in KP.</summary>
    private static (RegisterFixture Fixture, Transfer Transfer) BreakingThreeRules()
    {
        var fixture = RegisterFixture.Create();
        var kim = fixture.AddInvestor("kim", (ClaimTypes.Jurisdiction, "KP"));
        fixture.SetRules(
            new IdentityVerifiedRule([ClaimTypes.Kyc]),
            new MaxHoldersRule(2),
            new CountryRule(Block: ["KP"]),
            new LockUpRule(fixture.Now.AddYears(1)));
        return (fixture, new Transfer(fixture.SecurityId, Alice, kim, Amount.FromUnits(10)));
    }

    [Fact]
    public void Check_ThreeBrokenRules_ReturnsAllThree()
    {
        var (fixture, transfer) = BreakingThreeRules();

        var failures = fixture.Register.CheckTransfer(transfer, fixture.Now);

        Assert.Equal(3, failures.Count);
        Assert.Contains(Reasons.Reasons.MaxHoldersReached.Name, RegisterFixture.Codes(failures));
        Assert.Contains(Reasons.Reasons.CountryNotAllowed.Name, RegisterFixture.Codes(failures));
        Assert.Contains(Reasons.Reasons.TokensLocked.Name, RegisterFixture.Codes(failures));
    }

    [Fact]
    public void Check_EveryFailure_HasLimitAndCurrent()
    {
        var (fixture, transfer) = BreakingThreeRules();

        var failures = fixture.Register.CheckTransfer(transfer, fixture.Now);

        Assert.All(failures, failure => Assert.False(string.IsNullOrEmpty(failure.Limit), $"{failure.Code.Name} has no limit."));
        Assert.All(failures, failure => Assert.False(string.IsNullOrEmpty(failure.Current), $"{failure.Code.Name} has no current value."));
    }

    [Fact]
    public void Check_BrokenRules_ChangesNothing()
    {
        var (fixture, transfer) = BreakingThreeRules();
        var digest = Convert.ToHexString(Registra.Register.StateDigest.Compute(fixture.Register.State));

        fixture.Register.CheckTransfer(transfer, fixture.Now);

        Assert.Equal(digest, Convert.ToHexString(Registra.Register.StateDigest.Compute(fixture.Register.State)));
    }

    [Fact]
    public void Transfer_ThreeBrokenRules_RejectsWithSameCodes()
    {
        var (fixture, transfer) = BreakingThreeRules();
        var checkCodes = RegisterFixture.Codes(fixture.Register.CheckTransfer(transfer, fixture.Now));

        var failures = fixture.AssertRejected(transfer, Reasons.Reasons.CountryNotAllowed);

        Assert.Equal(checkCodes, RegisterFixture.Codes(failures));
    }

    [Fact]
    public void Check_IssuerApproval_ReportsApprovalRequired()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule()]);
        var transfer = new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(10));

        var failures = fixture.Register.CheckTransfer(transfer, fixture.Now);

        Assert.Equal([Reasons.Reasons.ApprovalRequired.Name], RegisterFixture.Codes(failures));
        Assert.Equal(202, failures[0].Code.HttpStatus);
    }

    [Fact]
    public void Check_RandomStates_AgreesWithTransfer()
    {
        RandomRun.Sequences.Sample(steps =>
        {
            var run = new RandomRun();
            foreach (var step in steps)
            {
                if (step.Kind is 2 or 3)
                {
                    run.Fixture.Advance(TimeSpan.FromMinutes(step.Minutes));
                    var transfer = (Transfer)run.ToCommand(step);
                    var checkCodes = RegisterFixture.Codes(run.Fixture.Register.CheckTransfer(transfer, run.Fixture.Now));

                    var result = run.Fixture.Execute(transfer);

                    Assert.Equal(checkCodes.Count == 0, result.Accepted);
                    Assert.Equal(checkCodes, RegisterFixture.Codes(result.Failures));
                }
                else
                {
                    run.Run(step);
                }
            }
        }, iter: 300);
    }
}
