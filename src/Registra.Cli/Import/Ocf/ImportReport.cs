using Registra.Commands;
using Registra.Reasons;

namespace Registra.Cli.Import.Ocf;

/// <summary>How much an import issue matters to the exit code of <c>registra import ocf</c>.</summary>
public enum ImportIssueSeverity
{
    /// <summary>Data the register could have held was skipped or rejected because a value in the package is wrong.</summary>
    Error,

    /// <summary>The object has no register equivalent, or it was imported as it is; nothing is wrong with the data.</summary>
    Notice,
}

/// <summary>
/// One OCF object that was not imported, or not imported in full, and why.
/// </summary>
/// <param name="File">The OCF file name, relative to the export folder.</param>
/// <param name="ObjectId">The OCF object id, or null when the object has none.</param>
public sealed record ImportIssue(string File, string? ObjectId, string Reason)
{
    /// <summary>The register command that was rejected, for issues raised while applying a plan.</summary>
    public RegisterCommand? Command { get; init; }

    public IReadOnlyList<Failure> Failures { get; init; } = [];

    public ImportIssueSeverity Severity { get; init; } = ImportIssueSeverity.Error;

    /// <summary>
    /// Whether the object was left out entirely: the register rejected its command, or the planner's
    /// reason starts with "not imported" (the planner words partial imports as "partly imported").
    /// </summary>
    public bool Skipped => Command is not null || Reason.StartsWith("not imported", StringComparison.Ordinal);

    public override string ToString()
    {
        var text = $"{File} {ObjectId ?? "(no id)"}: {Reason}";
        return Failures.Count == 0 ? text : text + " " + string.Join("; ", Failures);
    }
}

/// <summary>The objects of an OCF export that the importer could not map, in the order found.</summary>
public sealed class ImportReport
{
    private readonly List<ImportIssue> _issues = [];

    public IReadOnlyList<ImportIssue> Issues => _issues;

    public bool IsEmpty => _issues.Count == 0;

    public bool HasErrors => _issues.Exists(issue => issue.Severity == ImportIssueSeverity.Error);

    internal void Add(string file, string? objectId, string reason, ImportIssueSeverity severity = ImportIssueSeverity.Error) =>
        _issues.Add(new ImportIssue(file, objectId, reason) { Severity = severity });

    internal void Add(ImportIssue issue) => _issues.Add(issue);
}
