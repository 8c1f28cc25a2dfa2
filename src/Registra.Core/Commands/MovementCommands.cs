using Registra.Amounts;

namespace Registra.Commands;

/// <param name="AcquiredAt">Acquisition instant of the new lot for imported history; defaults to the ledger timestamp.</param>
public sealed record Issue(string SecurityId, string AccountId, Amount Amount, DateTimeOffset? AcquiredAt = null) : RegisterCommand;

/// <summary>Removes units from an account and the supply; frozen units are unfrozen first as needed.</summary>
public sealed record Redeem(string SecurityId, string AccountId, Amount Amount) : RegisterCommand;

public sealed record Transfer(string SecurityId, string FromAccountId, string ToAccountId, Amount Amount) : RegisterCommand;

public sealed record TransferLeg(string FromAccountId, string ToAccountId, Amount Amount);

/// <summary>Several transfers of one security that all settle or none does.</summary>
public sealed record BatchTransfer(string SecurityId, IReadOnlyList<TransferLeg> Legs) : RegisterCommand;

/// <param name="OverrideReason">When set, receiver-side rules are skipped and the reason is recorded.</param>
public sealed record ForcedTransfer(
    string SecurityId,
    string FromAccountId,
    string ToAccountId,
    Amount Amount,
    string? OverrideReason = null) : RegisterCommand;

public sealed record ApproveTransfer(string TransferId) : RegisterCommand;

public sealed record DenyTransfer(string TransferId, string Reason) : RegisterCommand;

/// <summary>
/// Multiplies every position by Numerator/Denominator, rounding each down. A split that leaves
/// any account with a fraction of the smallest unit needs a cash-in-lieu price for it.
/// </summary>
public sealed record SplitSecurity(
    string SecurityId,
    long Numerator,
    long Denominator,
    CorporateActions.StockEvents.CashInLieuPrice? CashInLieu = null) : RegisterCommand;
