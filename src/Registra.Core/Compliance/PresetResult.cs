namespace Registra.Compliance;

/// <summary>The rules a preset expands into, or why its parameters were rejected.</summary>
public sealed record PresetResult(IReadOnlyList<Rule> Rules, string? Error)
{
    public static PresetResult Of(IReadOnlyList<Rule> rules) => new(rules, null);

    public static PresetResult Invalid(string error) => new([], error);
}
