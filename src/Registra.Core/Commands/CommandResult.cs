using Registra.Events;
using Registra.Reasons;

namespace Registra.Commands;

/// <summary>
/// The outcome of a command: the events it produced, or every failure that rejected it.
/// A rejected command changed nothing.
/// </summary>
/// <param name="CreatedId">Id of what the command created (security id, queued transfer id), when any.</param>
public sealed record CommandResult(IReadOnlyList<RegisterEvent> Events, IReadOnlyList<Failure> Failures, string? CreatedId = null)
{
    public bool Accepted => Failures.Count == 0;

    public static CommandResult Rejected(IReadOnlyList<Failure> failures) => new([], failures);

    public static CommandResult Rejected(Failure failure) => new([], [failure]);

    public static CommandResult Of(params RegisterEvent[] events) => new(events, []);
}
