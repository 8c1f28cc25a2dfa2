using Registra.Commands;

namespace Registra.Cli.Import.Ocf;

/// <summary>A register command with the OCF object it came from.</summary>
/// <param name="File">The OCF file name, relative to the export folder.</param>
public sealed record PlannedCommand(RegisterCommand Command, string File, string ObjectId);

/// <summary>
/// The register commands that rebuild an OCF export, in execution order, and the report of
/// what could not be mapped. Planning touches no register, so a plan can be reviewed first.
/// </summary>
public sealed class ImportPlan
{
    internal ImportPlan(IReadOnlyList<PlannedCommand> steps, ImportReport report, IReadOnlyDictionary<string, string> securityIds,
        int stakeholderCount, IReadOnlyList<(string File, string Label)> transactions)
    {
        Steps = steps;
        Report = report;
        SecurityIds = securityIds;
        StakeholderCount = stakeholderCount;
        Transactions = transactions;
    }

    public IReadOnlyList<PlannedCommand> Steps { get; }

    public IEnumerable<RegisterCommand> Commands => Steps.Select(step => step.Command);

    public ImportReport Report { get; }

    /// <summary>Register security id for each imported OCF stock class id.</summary>
    public IReadOnlyDictionary<string, string> SecurityIds { get; }

    /// <summary>Stakeholder objects read, including any that were not imported.</summary>
    public int StakeholderCount { get; }

    /// <summary>Transaction objects read, including any that were not imported.</summary>
    public int TransactionCount => Transactions.Count;

    /// <summary>File and label of each transaction object read; the label is its id, or its position in the file when it has none.</summary>
    public IReadOnlyList<(string File, string Label)> Transactions { get; }
}
