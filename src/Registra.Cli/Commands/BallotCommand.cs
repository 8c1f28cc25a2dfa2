using System.CommandLine;
using Registra.Amounts;
using Registra.CorporateActions.Ballots;
using Spectre.Console;

namespace Registra.Cli.Commands;

/// <summary><c>registra ballot results</c>: every ballot's status, and the certified results of those certified.</summary>
internal static class BallotCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var store = CliOptions.Store();
        var ballot = new Option<string?>("--ballot") { Description = "Ballot id, such as ballot-000001; every ballot when omitted." };
        var results = new Command("results", "Print ballots with their status and, once certified, the weight per choice, winners and quorum.") { data, store, ballot };
        results.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(store), parse.GetValue(ballot)));
        return new Command("ballot", "Read ballots of the register.") { results };
    }

    private static int Run(DirectoryInfo data, string? storeOption, string? ballotId)
    {
        // A read-only replay, as for holders: it creates no node key and writes nothing.
        using var store = ReadOnlyJournal.Open(data, CliOptions.Journal(data, storeOption));
        var (register, _) = ReadOnlyJournal.Replay(store);
        var ballots = register.State.Ballots.Values
            .Where(b => ballotId is null || b.Id == ballotId)
            .OrderBy(b => b.Id, StringComparer.Ordinal)
            .ToList();
        if (ballots.Count == 0)
        {
            return Output.Error(ballotId is null ? "The register has no ballots yet." : $"No ballot has id '{ballotId}'; leave out --ballot to list every ballot with its id.", ExitCodes.Failed);
        }

        foreach (var ballot in ballots)
        {
            var decimals = register.State.Securities[ballot.SecurityId].Definition.Decimals;
            Output.Info($"{ballot.Id} {ballot.Title} on {ballot.SecurityId}: record {ballot.RecordAt:O}, open {ballot.OpensAt:O} to {ballot.ClosesAt:O}, " +
                $"quorum {new Amount(ballot.QuorumBasisPoints).Format(2)}%, {Output.Count(ballot.Voters.Count, "voter")}");
            if (ballot.Result is not { } result)
            {
                Output.Info("  not certified yet");
                continue;
            }

            Output.Info($"  certified as of sequence {result.AsOfSequence}: turnout {new Amount(result.Turnout).Format(decimals)} of " +
                $"{new Amount(result.SupplyAtRecord).Format(decimals)}, quorum {(result.QuorumMet ? "met" : "not met")}");
            var table = new Table();
            table.AddColumn("motion").AddColumn("choice").AddColumn(new TableColumn("weight").RightAligned()).AddColumn("outcome");
            for (var m = 0; m < result.Motions.Count; m++)
            {
                var tally = result.Motions[m];
                var motion = ballot.Motions[m];
                for (var c = 0; c < tally.Weights.Count; c++)
                {
                    var outcome = c == 0 ? BallotTally.Outcome(result, tally) + (tally.Winner == c + 1 ? ", winner" : string.Empty)
                        : tally.Winner == c + 1 ? "winner" : string.Empty;
                    table.AddRow(Markup.Escape($"{m + 1}. {motion.Title}"), Markup.Escape($"{c + 1}. {motion.Choices[c]}"),
                        new Amount(tally.Weights[c]).Format(decimals), outcome);
                }
            }

            AnsiConsole.Write(table);
        }

        return ExitCodes.Success;
    }
}
