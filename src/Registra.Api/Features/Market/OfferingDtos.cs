using Registra.Market.Offerings;

namespace Registra.Api.Features.Market;

/// <param name="Id">Client-chosen offering id, unique on the platform.</param>
/// <param name="Currency">ISO 4217 code of the price and of the cash subscribers pay.</param>
/// <param name="Price">Price per whole unit, as a decimal string in the currency.</param>
/// <param name="Cap">Units on offer, as a decimal string in the security's units.</param>
/// <param name="OpensAt">First instant that takes subscriptions.</param>
/// <param name="ClosesAt">First instant that no longer takes them; the offering can be closed from then on.</param>
/// <param name="MinPerInvestor">Smallest subscription and smallest allocation; one lot when omitted.</param>
/// <param name="MaxPerInvestor">Largest subscription; the cap when omitted.</param>
/// <param name="MinimumRaise">Proceeds in the currency the close must reach, or every subscription is refunded.</param>
/// <param name="LotSize">Step of every quantity; the order book's lot size, or one smallest unit, when omitted.</param>
public sealed record OfferingRequest(
    string Id,
    string Currency,
    string Price,
    string Cap,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string? MinPerInvestor = null,
    string? MaxPerInvestor = null,
    string? MinimumRaise = null,
    string? LotSize = null);

/// <summary>
/// An offering's terms and state. Quantities are decimal strings in the security's units, money in
/// the currency. The totals of subscriptions are shown to callers who may read the register only.
/// </summary>
/// <param name="Status">open, settled (closed and paid), refunded (closed below the minimum raise) or cancelled.</param>
/// <param name="Subscribers">Open subscriptions, or the subscriptions the offering ended with.</param>
/// <param name="Subscribed">Units the open subscriptions ask for.</param>
/// <param name="Escrow">Cash the open subscriptions hold in escrow.</param>
/// <param name="Allocated">Units issued at close.</param>
/// <param name="Raised">Cash paid to the issuer at close.</param>
/// <param name="Refunded">Cash returned to subscribers at close or cancellation.</param>
public sealed record OfferingView(
    string Id,
    string SecurityId,
    string Status,
    string Currency,
    string Price,
    string LotSize,
    string MinPerInvestor,
    string MaxPerInvestor,
    string Cap,
    string? MinimumRaise,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    int? Subscribers = null,
    string? Subscribed = null,
    string? Escrow = null,
    string? Allocated = null,
    string? Raised = null,
    string? Refunded = null,
    DateTimeOffset? EndedAt = null,
    bool? ClosedEarly = null);

/// <param name="AccountId">Account of the subscribing identity that receives the units.</param>
/// <param name="Quantity">Units requested, as a decimal string in the security's units.</param>
public sealed record SubscriptionRequest(string AccountId, string Quantity);

/// <param name="Quantity">The new quantity, as a decimal string in the security's units.</param>
public sealed record AmendSubscriptionRequest(string Quantity);

/// <param name="Early">Closes before the window ends; without it a close before closesAt is rejected.</param>
public sealed record CloseOfferingRequest(bool Early = false);

/// <param name="Cash">Price times quantity, moved from the identity's cash account into escrow.</param>
/// <param name="Priority">Place in the queue that breaks ties of the pro rata rounding; smaller is earlier.</param>
public sealed record SubscriptionView(string OfferingId, string IdentityId, string AccountId, string Quantity, string Cash, long Priority);

/// <summary>A withdrawn subscription and the cash returned to the identity's cash account.</summary>
public sealed record WithdrawalReceipt(string OfferingId, string IdentityId, string Refunded, long Sequence, long BlockHeight);

/// <summary>What one subscriber got at close.</summary>
/// <param name="Paid">Cash paid to the issuer for the allocated units.</param>
/// <param name="Refund">Cash returned to the identity's cash account.</param>
/// <param name="Reason">For an ineligible subscriber, the reason code of the first rule its issuance failed.</param>
public sealed record AllocationView(
    string IdentityId,
    string AccountId,
    string Requested,
    string Allocated,
    string Paid,
    string Refund,
    AllocationOutcome Outcome,
    string? Reason);

/// <summary>The closed offering, and the subscribers who failed compliance at close and were refunded in full.</summary>
public sealed record OfferingCloseReceipt(OfferingView Offering, IReadOnlyList<AllocationView> Ineligible, long Sequence, long BlockHeight);
