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

/// <summary>Withdraws a transfer waiting in the approval queue; only its sender may, and its amount is no longer held.</summary>
public sealed record CancelTransfer(string TransferId) : RegisterCommand;
