using Registra.Commands;
using Registra.Reasons;

namespace Registra.Cli.Import.Ocf;

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

    internal void Add(string file, string? objectId, string reason) => _issues.Add(new ImportIssue(file, objectId, reason));

    internal void Add(ImportIssue issue) => _issues.Add(issue);
}
