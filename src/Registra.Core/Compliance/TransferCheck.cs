using Registra.Amounts;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Compliance;

/// <summary>
/// Everything a rule needs to judge one movement, computed once by the state machine.
/// Sender fields are null for an issuance; receiver fields are null when the receiving
/// account is unknown.
/// </summary>
public sealed class TransferCheck
{
    public required TransferKind Kind { get; init; }

    public required SecurityState Security { get; init; }

    public required Amount Amount { get; init; }

    public required DateTimeOffset Now { get; init; }

    public Position? From { get; init; }

    public IdentityState? Sender { get; init; }

    public string? ToAccountId { get; init; }

    public IdentityState? Receiver { get; init; }

    /// <summary>True when a forced transfer skips receiver-side rules; the override reason is recorded.</summary>
    public bool OverrideReceiverRules { get; init; }

    public int Decimals => Security.Definition.Decimals;

    public bool ChecksSender => Kind == TransferKind.Transfer;

    public bool ChecksReceiver => Kind != TransferKind.Forced || !OverrideReceiverRules;

    public bool SameIdentity => Sender is not null && Receiver is not null && Sender.Id == Receiver.Id;

    public Amount SupplyAfter => Kind == TransferKind.Issuance ? Security.Supply.Plus(Amount) : Security.Supply;

    public Amount ReceiverTotalBefore => Receiver is null ? Amount.Zero : Security.TotalOf(Receiver.Id);

    public Amount ReceiverTotalAfter => SameIdentity ? ReceiverTotalBefore : ReceiverTotalBefore.Plus(Amount);

    public Amount SenderTotalAfter => Sender is null ? Amount.Zero
        : SameIdentity ? Security.TotalOf(Sender.Id)
        : Security.TotalOf(Sender.Id).Minus(Amount);

    /// <summary>True when the receiver is not a holder yet, so the holder count would grow.</summary>
    public bool ReceiverIsNewHolder => Receiver is not null && !SameIdentity && ReceiverTotalBefore.IsZero && Amount.IsPositive;

    /// <summary>True when the sender's identity would hold nothing afterwards.</summary>
    public bool SenderLeaves => Sender is not null && !SameIdentity && SenderTotalAfter.IsZero;

    public IReadOnlySet<string> TrustedIssuers => Security.TrustedIssuers;

    public string FormatAmount(Amount amount) => amount.Format(Decimals);
}
