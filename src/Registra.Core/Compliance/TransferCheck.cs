using Registra.Amounts;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Compliance;

/// <summary>
/// Everything a rule needs to judge one movement, computed once by the state machine.
/// Sender fields are null for an issuance; receiver fields are null when the receiving
/// account is unknown. The state machine reuses one instance per register for its movements,
/// so a rule must not keep a reference to it after <see cref="Rule.Check"/> returns.
/// </summary>
public sealed class TransferCheck
{
    // Identity totals before the movement, read from the holder table on first use. The state
    // does not change while rules run, so each is looked up at most once per movement.
    private Amount? _receiverTotalBefore;
    private Amount? _senderTotalBefore;
    private string? _receiverCountry;
    private bool _receiverCountryFound;

    // The receiving account's position when it exists, which leads to the receiver's holder entry without a lookup.
    private Position? _receiverPosition;

    internal TransferCheck()
    {
    }

    public TransferKind Kind { get; private set; }

    public SecurityState Security { get; private set; } = null!;

    public Amount Amount { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public Position? From { get; private set; }

    public IdentityState? Sender { get; private set; }

    public string? ToAccountId { get; private set; }

    public IdentityState? Receiver { get; private set; }

    /// <summary>True when a forced transfer skips receiver-side rules; the override reason is recorded.</summary>
    public bool OverrideReceiverRules { get; private set; }

    public int Decimals => Security.Definition.Decimals;

    public bool ChecksSender => Kind == TransferKind.Transfer;

    public bool ChecksReceiver => Kind != TransferKind.Forced || !OverrideReceiverRules;

    public bool SameIdentity => Sender is not null && Receiver is not null && Sender.Id == Receiver.Id;

    public Amount SupplyAfter => Kind == TransferKind.Issuance ? Security.Supply.Plus(Amount) : Security.Supply;

    public Amount ReceiverTotalBefore => _receiverTotalBefore ??= Receiver is null ? Amount.Zero
        : _receiverPosition is not null ? Security.TotalOf(_receiverPosition)
        : Security.TotalOf(Receiver.Id);

    public Amount ReceiverTotalAfter => SameIdentity ? ReceiverTotalBefore : ReceiverTotalBefore.Plus(Amount);

    public Amount SenderTotalAfter => Sender is null ? Amount.Zero
        : SameIdentity ? SenderTotalBefore
        : SenderTotalBefore.Minus(Amount);

    /// <summary>True when the receiver is not a holder yet, so the holder count would grow.</summary>
    public bool ReceiverIsNewHolder => Receiver is not null && !SameIdentity && ReceiverTotalBefore.IsZero && Amount.IsPositive;

    /// <summary>True when the sender's identity would hold nothing afterwards.</summary>
    public bool SenderLeaves => Sender is not null && !SameIdentity && SenderTotalAfter.IsZero;

    public IReadOnlySet<string> TrustedIssuers => Security.TrustedIssuers;

    /// <summary>
    /// The receiver's country: the value of its valid jurisdiction claim from a trusted issuer, or null
    /// when it has none or the receiver is unknown. Claim values of this type are stored upper-case.
    /// </summary>
    public string? ReceiverCountry
    {
        get
        {
            if (!_receiverCountryFound)
            {
                _receiverCountry = Receiver?.FindValidClaim(ClaimTypes.Jurisdiction, Now, TrustedIssuers)?.Value;
                _receiverCountryFound = true;
            }

            return _receiverCountry;
        }
    }

    private Amount SenderTotalBefore => _senderTotalBefore ??= From is not null ? Security.TotalOf(From) : Security.TotalOf(Sender!.Id);

    public string FormatAmount(Amount amount) => amount.Format(Decimals);

    /// <summary>Sets every field for a new movement and clears the totals cached for the previous one.</summary>
    internal TransferCheck Reset(
        TransferKind kind,
        SecurityState security,
        Amount amount,
        DateTimeOffset now,
        Position? from,
        IdentityState? sender,
        string? toAccountId,
        IdentityState? receiver,
        bool overrideReceiverRules = false,
        Position? receiverPosition = null)
    {
        Kind = kind;
        Security = security;
        Amount = amount;
        Now = now;
        From = from;
        Sender = sender;
        ToAccountId = toAccountId;
        Receiver = receiver;
        OverrideReceiverRules = overrideReceiverRules;
        _receiverPosition = receiverPosition;
        _receiverTotalBefore = null;
        _senderTotalBefore = null;
        _receiverCountry = null;
        _receiverCountryFound = false;
        return this;
    }
}
