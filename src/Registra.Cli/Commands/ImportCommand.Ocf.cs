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
        var command = new Command("ocf",
            "Import an Open Cap Format package: the issuer, stakeholders as identities, stock classes as securities and the stock transaction history. Whatever cannot be mapped is listed, not dropped.")
        {
            path, data,
        };
        command.SetAction((parse, cancellationToken) => RunOcfAsync(parse.GetValue(path)!, parse.GetValue(data)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunOcfAsync(DirectoryInfo path, DirectoryInfo data, CancellationToken cancellationToken)
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

        using var engine = LedgerEngine.Open(data.FullName);
        var rejected = await ApplyAsync(plan, engine, cancellationToken);
        if (rejected is null)
        {
            return Output.Error("The issuer could not be created; this package was probably imported into this data folder already. Use an empty data folder.");
        }

        PrintSummary(plan, rejected, engine);
        return rejected.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
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
        Output.Info($"Imported {plan.StakeholderCount} stakeholders, {plan.SecurityIds.Count} stock classes and {plan.TransactionCount} transactions " +
            $"as {plan.Steps.Count} commands; ledger height {engine.DurableHeight}.");
        foreach (var (classId, securityId) in plan.SecurityIds)
        {
            Output.Info($"  stock class {classId} -> security {securityId}");
        }

        var issues = plan.Report.Issues.Concat(rejected).ToList();
        if (issues.Count == 0)
        {
            Output.Info("Everything in the package was mapped.");
            return;
        }

        Output.Info($"Not mapped or rejected ({issues.Count}):");
        foreach (var issue in issues)
        {
            Output.Info("  " + issue);
        }
    }
}
