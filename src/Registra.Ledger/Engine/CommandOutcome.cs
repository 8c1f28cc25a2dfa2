using Registra.Commands;

namespace Registra.Ledger.Engine;

/// <summary>
/// What a caller gets back once its command is settled: the result and, when accepted, the
/// sequence number of its first event and the height of the durable block holding it.
/// </summary>
public sealed record CommandOutcome(CommandResult Result, long FirstSequence, long BlockHeight)
{
    public bool Accepted => Result.Accepted;
}
