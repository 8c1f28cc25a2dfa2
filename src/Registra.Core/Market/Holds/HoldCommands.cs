using Registra.Amounts;

namespace Registra.Commands;

/// <summary>Holds <paramref name="Amount"/> of the sender's spendable units for the receiver until executed, released or expired.</summary>
/// <param name="HoldId">Chosen by the caller and unique, so a retry cannot hold twice.</param>
public sealed record CreateHold(
    string HoldId,
    string SecurityId,
    string FromAccountId,
    string ToAccountId,
    Amount Amount,
    DateTimeOffset ExpiresAt) : RegisterCommand;

/// <summary>Moves held units to the receiver as an ordinary transfer, checked by every rule.</summary>
/// <param name="Amount">The part to move; null moves all that is held.</param>
/// <param name="KeepOpen">When true, the rest of a partial execution stays held; otherwise it is released.</param>
public sealed record ExecuteHold(string HoldId, Amount? Amount = null, bool KeepOpen = false) : RegisterCommand;

public sealed record ReleaseHold(string HoldId) : RegisterCommand;

/// <summary>
/// Releases open holds whose expiry has passed, oldest expiry first, so their units become
/// spendable again. Only the operator may send it; the server sends it on a timer.
/// </summary>
/// <param name="Limit">The most holds released by one command, which keeps one block small.</param>
public sealed record ReleaseExpiredHolds(int Limit = ReleaseExpiredHolds.DefaultLimit) : RegisterCommand
{
    public const int DefaultLimit = 10_000;
}

/// <summary>Withdraws a transfer waiting in the approval queue; only its sender may, and its amount is no longer held.</summary>
public sealed record CancelTransfer(string TransferId) : RegisterCommand;
