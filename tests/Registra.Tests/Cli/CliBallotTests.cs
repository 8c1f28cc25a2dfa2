using Registra.Amounts;
using Registra.Commands;
using Registra.CorporateActions.Ballots;
using Registra.Identities;
using Registra.Ledger.Engine;
using Registra.Securities;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

public sealed class CliBallotTests
{
    [Fact]
    public async Task BallotResults_CertifiedBallot_PrintsTally()
    {
        using var folder = new TempFolder();
        await WriteCertifiedBallotAsync(folder.Path);

        var all = await RegistraCli.RunAsync("ballot", "results", "--data", folder.Path);
        var unknown = await RegistraCli.RunAsync("ballot", "results", "--data", folder.Path, "--ballot", "ballot-999999");

        Assert.Equal(0, all.ExitCode);
        Assert.Contains("ballot-000001 Annual meeting", all.Output, StringComparison.Ordinal);
        Assert.Contains("turnout 6500 of 6500, quorum met", all.Output, StringComparison.Ordinal);
        Assert.Contains("5500", all.Output, StringComparison.Ordinal);
        Assert.Contains("decided, winner", all.Output, StringComparison.Ordinal);
        Assert.Contains("ballot-000002 Open meeting", all.Output, StringComparison.Ordinal);
        Assert.Contains("not certified yet", all.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No ballot has id 'ballot-999999'; leave out --ballot to list every ballot", unknown.Error, StringComparison.Ordinal);
    }

    /// <summary>Holders of 500, 1000 and 5000 vote 1, 2 and 1 on a ballot that closes and is certified, next to a second ballot still open.</summary>
    private static async Task WriteCertifiedBallotAsync(string path)
    {
        var clock = new ShiftedClock();
        using var engine = LedgerEngine.Open(path, clock);
        await engine.SubmitAsync(new CreateIssuer("acme", "Acme Corp"));
        var setup = new List<RegisterCommand>();
        var security = (await engine.SubmitAsync(new CreateSecurity("acme", "Acme Common", AssetClass.Equity, 0))).Result.CreatedId!;
        foreach (var (name, units) in new[] { ("vera", 500L), ("walt", 1000L), ("xena", 5000L) })
        {
            setup.Add(new RegisterIdentity(name, IdentityKind.Individual, name));
            setup.Add(new AddAccount(name, name + "-1"));
            setup.Add(new Issue(security, name + "-1", Amount.FromUnits(units)));
        }

        await engine.SubmitManyAsync(setup);
        var recordAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(1));
        Motion[] motions = [new("Board proposal", ["motion 1", "motion 2"])];
        await engine.SubmitAsync(new CreateBallot(security, "Annual meeting", recordAt, recordAt.AddMinutes(1), recordAt.AddHours(1), 5100, motions));
        await engine.SubmitAsync(new CreateBallot(security, "Open meeting", recordAt, recordAt.AddMinutes(1), recordAt.AddDays(30), 5100, motions));
        clock.Advance(TimeSpan.FromMinutes(2));
        foreach (var (name, choice) in new[] { ("vera", 1), ("walt", 2), ("xena", 1) })
        {
            await engine.SubmitAsync(new CastVote("ballot-000001", name, [new VoteChoice(1, choice)]));
        }

        clock.Advance(TimeSpan.FromHours(1));
        var certified = await engine.SubmitAsync(new CertifyBallot("ballot-000001"));
        Assert.True(certified.Accepted, string.Join("; ", certified.Result.Failures));
    }
}
