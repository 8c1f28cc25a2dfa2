using System.CommandLine;
using Registra.Cli.Import.Ocf;
using Registra.Commands;
using Registra.Ledger.Engine;

namespace Registra.Cli.Commands;

internal static partial class ImportCommand
{
    private const int CommandsPerSubmission = 512;

    private static Command CreateOcf()
    {
        var path = new Argument<DirectoryInfo>("path") { Description = "Folder of an Open Cap Format package, holding Manifest.ocf.json." };
        var data = CliOptions.Data();
        var store = CliOptions.Store();
        var command = new Command("ocf",
            "Import an Open Cap Format package: the issuer, stakeholders as identities, stock classes as securities and the stock transaction history. Whatever cannot be mapped is listed, not dropped.")
        {
            path, data, store,
        };
        command.SetAction((parse, cancellationToken) => RunOcfAsync(parse.GetValue(path)!, parse.GetValue(data)!, parse.GetValue(store), cancellationToken));
        return command;
    }

    private static async Task<int> RunOcfAsync(DirectoryInfo path, DirectoryInfo data, string? storeOption, CancellationToken cancellationToken)
    {
        ImportPlan plan;
        try
        {
            plan = OcfImporter.Plan(path.FullName);
        }
        catch (OcfImportException exception)
        {
            return Output.Error(exception.Message);
        }

        using var session = DataFolder.OpenEngine(data, CliOptions.Journal(data, storeOption));
        var engine = session.Engine;
        var rejected = await ApplyAsync(plan, engine, cancellationToken);
        if (rejected is null)
        {
            return Output.Error("The issuer could not be created; this package was probably imported into this data folder already. Use an empty data folder.");
        }

        PrintSummary(plan, rejected, engine);
        if (rejected.Count > 0 || plan.Report.HasErrors)
        {
            return Output.Error("Some objects were not imported because of errors in the package or rejections by the register; see the list above.",
                ExitCodes.Failed);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Submits the plan's commands through the engine in chunks and collects the ones the register
    /// rejected; returns null when the issuer itself was rejected, which means an earlier import.
    /// </summary>
    internal static async Task<List<ImportIssue>?> ApplyAsync(ImportPlan plan, LedgerEngine engine, CancellationToken cancellationToken)
    {
        var steps = plan.Steps;
        var first = await engine.SubmitAsync(steps[0].Command, cancellationToken);
        if (!first.Accepted)
        {
            return null;
        }

        var rejected = new List<ImportIssue>();
        await Output.WithProgressAsync("Importing", steps.Count, async progress =>
        {
            for (var start = 1; start < steps.Count; start += CommandsPerSubmission)
            {
                var chunk = steps.Skip(start).Take(CommandsPerSubmission).ToList();
                var outcomes = await engine.SubmitManyAsync(chunk.Select(step => step.Command).ToList(), cancellationToken);
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (!outcomes[i].Accepted)
                    {
                        rejected.Add(new ImportIssue(chunk[i].File, chunk[i].ObjectId, "the register rejected the command")
                        {
                            Command = chunk[i].Command,
                            Failures = outcomes[i].Result.Failures,
                        });
                    }
                }

                progress.Report(Math.Min(start + CommandsPerSubmission, steps.Count));
            }

            return 0;
        }).ConfigureAwait(false);
        return rejected;
    }

    internal static void PrintSummary(ImportPlan plan, List<ImportIssue> rejected, LedgerEngine engine)
    {
        var issues = plan.Report.Issues.Concat(rejected).ToList();
        var skipped = issues.Where(issue => issue.Skipped).Select(issue => (issue.File, issue.ObjectId ?? string.Empty)).ToHashSet();
        var skippedTransactions = plan.Transactions.Count(skipped.Contains);
        var transactions = skippedTransactions == 0
            ? Output.Count(plan.TransactionCount, "transaction")
            : $"{plan.TransactionCount - skippedTransactions} of {Output.Count(plan.TransactionCount, "transaction")} ({skippedTransactions} skipped)";
        Output.Info($"Imported {Output.Count(plan.StakeholderCount, "stakeholder")}, {Output.Count(plan.SecurityIds.Count, "stock class", "stock classes")} and {transactions} " +
            $"as {Output.Count(plan.Steps.Count, "command")}; ledger height {engine.DurableHeight}.");
        foreach (var (classId, securityId) in plan.SecurityIds)
        {
            Output.Info($"  stock class {classId} -> security {securityId}");
        }

        if (issues.Count == 0)
        {
            Output.Info("Everything in the package was mapped.");
            return;
        }

        Output.Info($"Not mapped or rejected ({issues.Count}):");
        foreach (var issue in issues)
        {
            var marker = issue.Severity == ImportIssueSeverity.Error ? "error" : "note";
            Output.Info($"  {marker}: {issue}");
        }
    }
}
