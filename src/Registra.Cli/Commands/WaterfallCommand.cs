using System.CommandLine;
using System.Globalization;
using Registra.Amounts;
using Registra.CorporateActions.Waterfall;
using Registra.Identifiers;
using Spectre.Console;

namespace Registra.Cli.Commands;

/// <summary><c>registra waterfall</c>: each class's and holder's payout for an exit value.</summary>
internal static class WaterfallCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var issuer = new Option<string>("--issuer") { Description = "Issuer id whose equity classes share the exit.", Required = true };
        var exit = new Option<string>("--exit") { Description = "Exit value in the currency, a decimal such as 3000000 or 3000000.00.", Required = true };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 code of the exit and of the amounts in the class terms.", DefaultValueFactory = _ => "USD" };
        var at = new Option<string?>("--at") { Description = "RFC 3339 instant of ledger time whose positions to use; now when omitted." };
        var holders = new Option<bool>("--holders") { Description = "Also print each holder's payout." };
        var command = new Command("waterfall", "Print each class's payout (and with --holders each holder's) for an exit value, from the classes' liquidation terms.")
        {
            data, issuer, exit, currency, at, holders,
        };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(issuer)!, parse.GetValue(exit)!, parse.GetValue(currency)!,
            parse.GetValue(at), parse.GetValue(holders)));
        return command;
    }

    private static int Run(DirectoryInfo data, string issuerId, string exitText, string currencyText, string? atText, bool showHolders)
    {
        if (!CurrencyCode.TryParse(currencyText, out var currency) || currency.MinorUnits is not { } minorUnits)
        {
            return Output.Error($"--currency '{currencyText}' is not an ISO 4217 currency with a minor unit, such as USD.");
        }

        var parsed = Amount.Parse(exitText, minorUnits);
        if (!parsed.IsValid || parsed.Amount.IsNegative || parsed.Amount.Units > long.MaxValue)
        {
            return Output.Error($"--exit '{exitText}' is not an amount of zero or more with at most {minorUnits} decimals, such as 3000000.00.");
        }

        DateTimeOffset? at = null;
        if (atText is not null)
        {
            if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) || instant > DateTimeOffset.UtcNow)
            {
                return Output.Error($"--at '{atText}' is not a past RFC 3339 instant such as 2026-01-15T00:00:00Z.");
            }

            at = instant;
        }

        using var store = ReadOnlyJournal.Open(data);
        var (register, _) = ReadOnlyJournal.Replay(store);
        if (!register.State.Issuers.ContainsKey(issuerId))
        {
            return Output.Error($"No issuer has id '{issuerId}'.", ExitCodes.Failed);
        }

        var (classes, failures) = RegisterClasses.Read(register, issuerId, at, currency);
        if (failures.Count > 0)
        {
            foreach (var failure in failures)
            {
                Output.Info($"invalid terms: {failure.Hint}");
            }

            return Output.Error($"The terms of {Output.Count(failures.Count, "security term")} are invalid; no waterfall was computed.", ExitCodes.Failed);
        }

        if (!classes.Any(c => c.Holdings.Count > 0))
        {
            return Output.Error($"No equity security of issuer '{issuerId}' has holders, so no waterfall can be computed; issue units first.", ExitCodes.Failed);
        }

        var model = WaterfallModel.Create(classes, currency);
        var outcome = model.Compute((long)parsed.Amount.Units);
        PrintClasses(model, outcome, minorUnits, currency);
        if (showHolders)
        {
            PrintHolders(model, outcome, minorUnits, register);
        }

        return ExitCodes.Success;
    }

    private static void PrintClasses(WaterfallModel model, WaterfallOutcome outcome, int minorUnits, CurrencyCode currency)
    {
        Output.Info($"Exit {Amount.FromUnits(outcome.Exit).Format(minorUnits)} {currency}:");
        var table = new Table();
        table.AddColumn("class").AddColumn("security").AddColumn(new TableColumn("seniority").RightAligned())
            .AddColumn(new TableColumn("shares").RightAligned()).AddColumn("takes").AddColumn(new TableColumn("payout").RightAligned());
        for (var i = 0; i < outcome.Classes.Count; i++)
        {
            var payout = outcome.Classes[i];
            var waterfallClass = model.Classes[i];
            var shares = waterfallClass.Holdings.Aggregate(Amount.Zero, (sum, h) => sum.Plus(h.Units)).Format(waterfallClass.Decimals);
            var takes = waterfallClass.Terms.IsCommon ? "common"
                : payout.Converted ? "converts"
                : waterfallClass.Terms.Participating ? "participates" : "preference";
            table.AddRow(Markup.Escape(payout.Name), Markup.Escape(payout.SecurityId), waterfallClass.Terms.Seniority.ToString(CultureInfo.InvariantCulture), shares, takes, Amount.FromUnits(payout.Payout).Format(minorUnits));
        }

        AnsiConsole.Write(table);
    }

    private static void PrintHolders(WaterfallModel model, WaterfallOutcome outcome, int minorUnits, Register.Register register)
    {
        var table = new Table();
        table.AddColumn("identity").AddColumn("name").AddColumn(new TableColumn("payout").RightAligned());
        foreach (var holder in model.AllocateHolders(outcome))
        {
            var name = register.State.Identities.TryGetValue(holder.HolderId, out var identity) ? identity.Name : string.Empty;
            table.AddRow(Markup.Escape(holder.HolderId), Markup.Escape(name), Amount.FromUnits(holder.Total).Format(minorUnits));
        }

        AnsiConsole.Write(table);
    }
}
