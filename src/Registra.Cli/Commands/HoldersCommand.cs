using System.CommandLine;
using System.Globalization;
using Registra.Ledger.Engine;
using Spectre.Console;

namespace Registra.Cli.Commands;

/// <summary><c>registra holders</c>: the register of every security, now or at a past instant.</summary>
internal static class HoldersCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var security = new Option<string?>("--security") { Description = "Security id; all securities when omitted." };
        var at = new Option<string?>("--at") { Description = "RFC 3339 instant to read the register at, such as 2026-01-15T00:00:00Z; now when omitted." };
        var command = new Command("holders", "Print securities with their supply and holders, now or at a past instant.") { data, security, at };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(security), parse.GetValue(at)));
        return command;
    }

    private static int Run(DirectoryInfo data, string? securityId, string? atText)
    {
        DateTimeOffset? at = null;
        if (atText is not null)
        {
            if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Output.Error($"'{atText}' is not an RFC 3339 instant such as 2026-01-15T00:00:00Z.");
            }

            if (parsed > DateTimeOffset.UtcNow)
            {
                return Output.Error($"{atText} is in the future; the register can be read only at past instants.");
            }

            at = parsed;
        }

        if (!File.Exists(Path.Combine(data.FullName, LedgerEngine.JournalFileName)))
        {
            return Output.Error($"No journal in {data.FullName}; import data first, for example with 'registra import ocf'.");
        }

        using var engine = LedgerEngine.Open(data.FullName);
        return engine.ReadAsync(register =>
        {
            var securities = register.State.Securities.Values
                .Where(s => securityId is null || s.Id == securityId)
                .OrderBy(s => s.Definition.Name, StringComparer.Ordinal)
                .ToList();
            if (securities.Count == 0)
            {
                return Output.Error(securityId is null ? "The register has no securities yet." : $"No security has id '{securityId}'.");
            }

            foreach (var security in securities)
            {
                var decimals = security.Definition.Decimals;
                var holders = at is { } instant ? register.HoldersAt(security.Id, instant) : register.Holders(security.Id);
                var supply = at is { } when ? register.SupplyAt(security.Id, when) : security.Supply;
                Output.Info($"{security.Definition.Name} ({security.Id}): supply {supply.Format(decimals)}, {holders.Count} accounts" +
                    (at is { } shown ? $" at {shown:O}" : string.Empty));
                var table = new Table();
                table.AddColumn("account").AddColumn("identity").AddColumn("name").AddColumn(new TableColumn("balance").RightAligned());
                foreach (var holder in holders)
                {
                    var name = register.State.Identities[holder.IdentityId].Name;
                    table.AddRow(Markup.Escape(holder.AccountId), Markup.Escape(holder.IdentityId), Markup.Escape(name), holder.Balance.Format(decimals));
                }

                AnsiConsole.Write(table);
            }

            return ExitCodes.Success;
        }).GetAwaiter().GetResult();
    }
}
