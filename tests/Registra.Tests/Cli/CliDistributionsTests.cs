using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.CorporateActions.Distributions;
using Registra.Identities;
using Registra.Ledger.Engine;
using Registra.Securities;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

public sealed class CliDistributionsTests
{
    [Fact]
    public async Task Distributions_PaidDividend_PrintsReport()
    {
        using var folder = new TempFolder();
        using (var engine = LedgerEngine.Open(folder.Path))
        {
            var now = DateTimeOffset.UtcNow;
            await engine.SubmitAsync(new CreateIssuer("acme", "Acme"));
            var security = (await engine.SubmitAsync(new CreateSecurity("acme", "Acme Common", AssetClass.Equity, 0))).Result.CreatedId!;
            foreach (var (holder, units) in new[] { ("h1", 3L), ("h2", 7L) })
            {
                await engine.SubmitAsync(new RegisterIdentity(holder, IdentityKind.Individual, holder));
                await engine.SubmitAsync(new AddAccount(holder, holder + "-1"));
                await engine.SubmitAsync(new Issue(security, holder + "-1", Amount.FromUnits(units)));
            }

            await engine.SubmitAsync(new OpenCashAccount(CashOwnerKind.Identity, "h2", "USD"));
            await engine.SubmitAsync(new OpenCashAccount(CashOwnerKind.Issuer, "acme", "USD"));
            await engine.SubmitAsync(new DepositCash(CashOwnerKind.Issuer, "acme", "USD", Amount.FromUnits(1000)));
            await engine.SubmitAsync(new AnnounceDistribution(security, DistributionKind.Dividend, "USD", DistributionBasis.Total, "10",
                DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DistributionId: "q4"));
            var paid = await engine.SubmitAsync(new PayDistribution("q4"));
            Assert.True(paid.Accepted, string.Join("; ", paid.Result.Failures));
        }

        var report = await RegistraCli.RunAsync("distributions", "--data", folder.Path, "--id", "q4");
        var missing = await RegistraCli.RunAsync("distributions", "--data", folder.Path, "--id", "nope");

        Assert.Equal(0, report.ExitCode);
        Assert.Contains("2 payouts of q4", report.Output);
        Assert.Contains("Unclaimed", report.Output);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No distribution has id 'nope'", missing.Error);
    }
}
