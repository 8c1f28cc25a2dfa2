using Registra.Amounts;
using Registra.Commands;

namespace Registra.Cli.Import.Ocf;

/// <summary>
/// Turns a read OCF export into register commands. Setup objects come first (issuer,
/// claim issuer, stakeholders, stock classes), then the stock transaction history.
/// </summary>
internal sealed partial class OcfPlanner
{
    private readonly OcfExport _export;
    private readonly ImportReport _report;
    private readonly List<PlannedCommand> _steps = [];

    /// <summary>Account id of each imported stakeholder.</summary>
    private readonly Dictionary<string, string> _accounts = new(StringComparer.Ordinal);

    /// <summary>Every stakeholder id read, imported or not, to tell a dangling reference from a rejected stakeholder.</summary>
    private readonly HashSet<string> _stakeholdersRead = new(StringComparer.Ordinal);

    private readonly Dictionary<string, ImportedClass> _classes = new(StringComparer.Ordinal);

    private readonly HashSet<string> _classesRead = new(StringComparer.Ordinal);

    private string _issuerId = "";

    /// <summary>File and label (id, or position when the id is missing) of every transaction object read, in file order.</summary>
    private readonly List<(string File, string Label)> _transactions = [];

    public OcfPlanner(OcfExport export, ImportReport report)
    {
        _export = export;
        _report = report;
    }

    public ImportPlan Plan()
    {
        PlanIssuer();
        PlanStakeholders();
        PlanStockClasses();
        PlanHistory();
        ReportUnmappedFiles();

        var securityIds = _classes.ToDictionary(pair => pair.Key, pair => pair.Value.SecurityId, StringComparer.Ordinal);
        return new ImportPlan(_steps, _report, securityIds, _stakeholdersRead.Count, _transactions);
    }

    private void Add(RegisterCommand command, OcfObject source) => _steps.Add(new PlannedCommand(command, source.File, source.Label));

    private void Report(OcfObject source, string reason) => _report.Add(source.File, source.Label, reason);

    /// <summary>Lists an object or part of one that the register has no equivalent for; such notices do not fail the import.</summary>
    private void ReportNotMapped(OcfObject source, string reason) => _report.Add(source.File, source.Label, reason, ImportIssueSeverity.Notice);

    /// <summary>Runs one object's mapping, reporting a field of the wrong type instead of stopping the import.</summary>
    private void Guarded(OcfObject item, Action<OcfObject> plan)
    {
        try
        {
            plan(item);
        }
        catch (OcfFormatException e)
        {
            Report(item, $"not imported: {e.Message}.");
        }
    }

    /// <summary>
    /// Parses an OCF quantity for a class with the given decimals, reporting why it is
    /// unusable (missing, not a decimal, too precise, zero or negative).
    /// </summary>
    private Amount? ParseQuantity(OcfObject item, string field, int decimals)
    {
        var text = item.OptionalString(field);
        var parsed = Amount.Parse(text, decimals);
        if (!parsed.IsValid)
        {
            Report(item, $"not imported: {field} {Quote(text)} is invalid ({parsed.Error}).");
            return null;
        }

        if (!parsed.Amount.IsPositive)
        {
            Report(item, $"not imported: {field} '{text}' must be positive.");
            return null;
        }

        return parsed.Amount;
    }

    /// <summary>Explains a stakeholder id that cannot be used: never defined, or defined but not imported.</summary>
    private string DescribeMissingStakeholder(string stakeholderId) => _stakeholdersRead.Contains(stakeholderId)
        ? $"stakeholder '{stakeholderId}' was not imported (see its own entry)"
        : $"stakeholder '{stakeholderId}' is not defined in any stakeholders file";

    private string DescribeMissingClass(string classId) => _classesRead.Contains(classId)
        ? $"stock class '{classId}' was not imported (see its own entry)"
        : $"stock class '{classId}' is not defined in any stock classes file";

    private static string Quote(string? text) => text is null ? "(missing)" : $"'{text}'";

    /// <summary>Lists the objects of files the register has no equivalent for, so none is dropped silently.</summary>
    private void ReportUnmappedFiles()
    {
        foreach (var file in _export.Files)
        {
            if (file.FileType is "OCF_STAKEHOLDERS_FILE" or "OCF_STOCK_CLASSES_FILE" or "OCF_TRANSACTIONS_FILE")
            {
                continue;
            }

            foreach (var item in file.Items)
            {
                ReportNotMapped(item, $"not imported: {Describe(item.ObjectType)} objects have no register equivalent.");
            }
        }
    }

    private static string Describe(string objectType) => objectType.Length == 0 ? "untyped" : objectType;
}
