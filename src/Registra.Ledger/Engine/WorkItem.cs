using Registra.Commands;
using Registra.Ledger.Requests;

namespace Registra.Ledger.Engine;

/// <summary>One entry of the sequencer queue: a command, a list of commands, or a read.</summary>
internal sealed record WorkItem(RegisterCommand? Command, IReadOnlyList<RegisterCommand>? Commands, TaskCompletionSource<CommandOutcome>? Completion)
{
    public TaskCompletionSource<CommandOutcome[]>? ManyCompletion { get; init; }

    public Action<Register.Register>? Read { get; init; }

    /// <summary>The API request that sent the command, recorded with the block when the command is accepted.</summary>
    public RequestTag? Tag { get; init; }
}
