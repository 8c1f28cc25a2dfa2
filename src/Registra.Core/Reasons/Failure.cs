namespace Registra.Reasons;

/// <summary>
/// One failed check: the reason code, the rule that produced it, the limit and the
/// current value as display strings, and a hint on what would make it pass.
/// </summary>
public sealed record Failure(ReasonCode Code, string Rule, string? Limit, string? Current, string Hint)
{
    /// <summary>The value or id the failure is about, when there is one.</summary>
    public string? Subject { get; init; }

    public override string ToString() => $"{Code.Name} ({Rule}): {Hint}";
}
