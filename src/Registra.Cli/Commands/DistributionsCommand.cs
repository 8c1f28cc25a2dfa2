using System.CommandLine;
using Registra.Amounts;
using Registra.CorporateActions.Distributions;
using Spectre.Console;

namespace Registra.Cli.Commands;

/// <summary><c>registra distributions</c>: distributions with their totals, or one distribution's reconciliation report.</summary>
internal static class DistributionsCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var security = new Option<string?>("--security") { Description = "Security id; distributions of all securities when omitted." };
        var id = new Option<string?>("--id") { Description = "Distribution id; prints its reconciliation report with one row per holder." };
        var command = new Command("distributions", "Print distributions with their gross, withheld, net paid, unclaimed and reclaimed totals, or one distribution's report.")
        {
            data, security, id,
        };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(security), parse.GetValue(id)));
        return command;
    }

    private static int Run(DirectoryInfo data, string? securityId, string? distributionId)
    {
        // A read-only replay, like holders: it opens no engine and writes nothing.
        using var store = ReadOnlyJournal.Open(data);
        var (register, _) = ReadOnlyJournal.Replay(store);
        var distributions = register.State.Distributions.Values
            .Where(d => (securityId is null || d.Terms.SecurityId == securityId) && (distributionId is null || d.Id == distributionId))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        if (distributions.Count == 0)
        {
            return Output.Error(distributionId is not null ? $"No distribution has id '{distributionId}'." : "The register has no distributions yet.",
                ExitCodes.Failed);
        }

        var totals = new Table();
        totals.AddColumn("id").AddColumn("security").AddColumn("kind").AddColumn("status").AddColumn("currency");
        foreach (var name in new[] { "gross", "withheld", "net paid", "unclaimed", "reclaimed" })
        {
            totals.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var d in distributions)
        {
            var minorUnits = MinorUnits(d);
            totals.AddRow(Markup.Escape(d.Id), Markup.Escape(d.Terms.SecurityId), d.Terms.Kind.ToString(), d.Status.ToString(), d.Terms.Currency,
                d.Gross.Format(minorUnits), d.Withheld.Format(minorUnits), d.NetPaid.Format(minorUnits),
                d.UnclaimedAtPayment.Format(minorUnits), d.Reclaimed.Format(minorUnits));
        }

        AnsiConsole.Write(totals);
        if (distributionId is not null)
        {
            PrintPayouts(distributions[0], register.State.Securities[distributions[0].Terms.SecurityId].Definition.Decimals);
        }

        return ExitCodes.Success;
    }

    private static void PrintPayouts(DistributionState distribution, int decimals)
    {
        var minorUnits = MinorUnits(distribution);
        var table = new Table();
        table.AddColumn("identity").AddColumn(new TableColumn("units").RightAligned()).AddColumn(new TableColumn("gross").RightAligned())
            .AddColumn(new TableColumn("rate %").RightAligned()).AddColumn(new TableColumn("withheld").RightAligned())
            .AddColumn(new TableColumn("net").RightAligned()).AddColumn("status");
        foreach (var payout in distribution.Payouts)
        {
            table.AddRow(Markup.Escape(payout.IdentityId), new Amount(payout.Units).Format(decimals), new Amount(payout.Gross).Format(minorUnits),
                Amount.FromUnits(payout.RatePpm).Format(4), new Amount(payout.Withheld).Format(minorUnits), new Amount(payout.Net).Format(minorUnits),
                payout.Status.ToString());
        }

        Output.Info($"{Output.Count(distribution.Payouts.Count, "payout")} of {distribution.Id}, recorded at {distribution.Terms.RecordAt:O}");
        AnsiConsole.Write(table);
    }

    private static int MinorUnits(DistributionState distribution) =>
        Identifiers.CurrencyCode.Parse(distribution.Terms.Currency).MinorUnits ?? 0;
}
