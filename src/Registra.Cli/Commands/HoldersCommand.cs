using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Registra.Cli.Commands;

/// <summary><c>registra holders</c>: the register of every security, now or at a past instant.</summary>
internal static class HoldersCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var store = CliOptions.Store();
        var security = new Option<string?>("--security") { Description = "Security id; all securities when omitted." };
        var at = new Option<string?>("--at")
        {
            Description = "RFC 3339 instant of ledger time to read the register at, such as 2026-01-15T00:00:00Z; now when omitted.",
        };
        var command = new Command("holders", "Print securities with their supply and holders, now or at a past instant.") { data, store, security, at };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(store), parse.GetValue(security), parse.GetValue(at)));
        return command;
    }

    private static int Run(DirectoryInfo data, string? storeOption, string? securityId, string? atText)
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

        // A read-only replay: holders never opens the engine, so it creates no node key and writes nothing.
        using var store = ReadOnlyJournal.Open(data, CliOptions.Journal(data, storeOption));
        var (register, createdAt) = ReadOnlyJournal.Replay(store);
        var securities = register.State.Securities.Values
            .Where(s => securityId is null || s.Id == securityId)
            .OrderBy(s => s.Definition.Name, StringComparer.Ordinal)
            .ToList();
        if (securities.Count == 0)
        {
            return Output.Error(securityId is null ? "The register has no securities yet." : $"No security has id '{securityId}'.");
        }

        // Ledger time is when an event was written, so a security did not exist before its import.
        if (at is { } cutoff)
        {
            securities = securities.Where(s => createdAt.TryGetValue(s.Id, out var created) && created <= cutoff).ToList();
            if (securities.Count == 0)
            {
                var first = createdAt.Values.Min();
                return Output.Error(
                    $"No {(securityId is null ? "security" : $"security '{securityId}'")} existed at {cutoff:O} in ledger time; " +
                    $"the first was created at {first:O}. Ledger time is the time of import, not the dates inside imported data.",
                    ExitCodes.Failed);
            }
        }

        foreach (var security in securities)
        {
            var decimals = security.Definition.Decimals;
            var holders = at is { } instant ? register.HoldersAt(security.Id, instant) : register.Holders(security.Id);
            var supply = at is { } when ? register.SupplyAt(security.Id, when) : security.Supply;
            Output.Info($"{security.Definition.Name} ({security.Id}): supply {supply.Format(decimals)}, {Output.Count(holders.Count, "account")}" +
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
    }
}
