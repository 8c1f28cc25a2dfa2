using Registra.Commands;

namespace Registra.Cli.Import.Ocf;

/// <summary>The outcome of applying an import plan.</summary>
/// <param name="Accepted">Commands the register accepted.</param>
/// <param name="Issues">The plan's report followed by every command the register rejected.</param>
public sealed record ImportResult(int Accepted, IReadOnlyList<ImportIssue> Issues);

/// <summary>
/// Imports an Open Cap Format (OCF) export, the cap-table exchange format of the Open Cap
/// Table Coalition, into a register: stakeholders become identities with one account
/// each, stock classes become equity securities, and the stock transaction history is
/// replayed as issuances, forced transfers, redemptions and splits.
/// </summary>
public static class OcfImporter
{
    /// <summary>Claim issuer that signs the jurisdiction claims taken from stakeholder addresses.</summary>
    public const string ClaimIssuerId = "ocf-import";

    /// <summary>Override reason recorded on every imported transfer.</summary>
    public const string OverrideReason = "imported from OCF";

    /// <summary>
    /// Reads the export in <paramref name="folder"/> and plans the commands that rebuild it,
    /// without touching a register. Objects that cannot be mapped go to the plan's report.
    /// </summary>
    /// <exception cref="OcfImportException">
    /// The folder, its Manifest.ocf.json or a file the manifest lists is missing, is not
    /// valid JSON, or is not the kind of OCF file the manifest names.
    /// </exception>
    public static ImportPlan Plan(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var report = new ImportReport();
        var export = OcfExport.Read(folder, report);
        return new OcfPlanner(export, report).Plan();
    }

    /// <summary>
    /// Executes the plan's commands in order, each at the ledger time <paramref name="clock"/>
    /// returns. A rejected command is added to the result with its failures and the import
    /// goes on, so one bad object does not hide the rest. Later commands that depend on a
    /// rejected one are then rejected too, and each is listed. The one exception is a rejected
    /// <see cref="CreateIssuer"/>: the import stops there, because the history would otherwise
    /// be written into an existing issuer's securities (for example when a plan is applied twice).
    /// </summary>
    /// <exception cref="InvalidOperationException">The clock returned a time before the register's last timestamp.</exception>
    public static ImportResult Apply(ImportPlan plan, Registra.Register.Register register, Func<DateTimeOffset> clock)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(clock);

        var issues = new List<ImportIssue>(plan.Report.Issues);
        var accepted = 0;
        foreach (var step in plan.Steps)
        {
            var result = register.Execute(step.Command, clock());
            if (result.Accepted)
            {
                accepted++;
                continue;
            }

            issues.Add(new ImportIssue(step.File, step.ObjectId, $"rejected by the register: {Describe(step.Command)}.")
            {
                Command = step.Command,
                Failures = result.Failures,
            });
            if (step.Command is CreateIssuer)
            {
                break;
            }
        }

        return new ImportResult(accepted, issues);
    }

    private static string Describe(RegisterCommand command) => command.GetType().Name;
}
