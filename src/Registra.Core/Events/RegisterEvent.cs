using System.Text.Json.Serialization;
using Registra.Canonical;

namespace Registra.Events;

/// <summary>
/// A change to the register. Each event type writes its fields in declaration order to the
/// canonical encoding; its JSON form (for exports) carries the same fields.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(IssuerCreated), "issuer_created")]
[JsonDerivedType(typeof(SecurityCreated), "security_created")]
[JsonDerivedType(typeof(TrustedIssuerAdded), "trusted_issuer_added")]
[JsonDerivedType(typeof(TrustedIssuerRemoved), "trusted_issuer_removed")]
[JsonDerivedType(typeof(RulesSet), "rules_set")]
[JsonDerivedType(typeof(ClaimIssuerRegistered), "claim_issuer_registered")]
[JsonDerivedType(typeof(IdentityRegistered), "identity_registered")]
[JsonDerivedType(typeof(AccountAdded), "account_added")]
[JsonDerivedType(typeof(ClaimAdded), "claim_added")]
[JsonDerivedType(typeof(ClaimRevoked), "claim_revoked")]
[JsonDerivedType(typeof(Issued), "issued")]
[JsonDerivedType(typeof(Redeemed), "redeemed")]
[JsonDerivedType(typeof(Transferred), "transferred")]
[JsonDerivedType(typeof(AccountFrozen), "account_frozen")]
[JsonDerivedType(typeof(AccountUnfrozen), "account_unfrozen")]
[JsonDerivedType(typeof(AmountFrozen), "amount_frozen")]
[JsonDerivedType(typeof(AmountUnfrozen), "amount_unfrozen")]
[JsonDerivedType(typeof(SecurityPaused), "security_paused")]
[JsonDerivedType(typeof(SecurityUnpaused), "security_unpaused")]
[JsonDerivedType(typeof(AccountRecovered), "account_recovered")]
[JsonDerivedType(typeof(TransferQueued), "transfer_queued")]
[JsonDerivedType(typeof(TransferApproved), "transfer_approved")]
[JsonDerivedType(typeof(TransferDenied), "transfer_denied")]
[JsonDerivedType(typeof(SecuritySplit), "security_split")]
[JsonDerivedType(typeof(DocumentAttached), "document_attached")]
[JsonDerivedType(typeof(DocumentRemoved), "document_removed")]
[JsonDerivedType(typeof(StockSplit), "stock_split")]
[JsonDerivedType(typeof(StockDividendIssued), "stock_dividend_issued")]
[JsonDerivedType(typeof(BallotCreated), "ballot_created")]
[JsonDerivedType(typeof(VoteCast), "vote_cast")]
[JsonDerivedType(typeof(BallotCertified), "ballot_certified")]
[JsonDerivedType(typeof(Cash.CashAccountOpened), "cash_account_opened")]
[JsonDerivedType(typeof(Cash.CashDeposited), "cash_deposited")]
[JsonDerivedType(typeof(Cash.CashWithdrawn), "cash_withdrawn")]
[JsonDerivedType(typeof(Cash.CashInLieuPaid), "cash_in_lieu_paid")]
[JsonDerivedType(typeof(CorporateActions.Distributions.DistributionAnnounced), "distribution_announced")]
[JsonDerivedType(typeof(CorporateActions.Distributions.DistributionPaid), "distribution_paid")]
[JsonDerivedType(typeof(CorporateActions.Distributions.DistributionPayoutsRecorded), "distribution_payouts_recorded")]
[JsonDerivedType(typeof(CorporateActions.Distributions.DistributionClaimed), "distribution_claimed")]
[JsonDerivedType(typeof(CorporateActions.Distributions.DistributionReclaimed), "distribution_reclaimed")]
[JsonDerivedType(typeof(CorporateActions.Distributions.DistributionCancelled), "distribution_cancelled")]
[JsonDerivedType(typeof(CorporateActions.Distributions.SecurityRedeemedAtMaturity), "security_redeemed_at_maturity")]
[JsonDerivedType(typeof(HoldCreated), "hold_created")]
[JsonDerivedType(typeof(HoldExecuted), "hold_executed")]
[JsonDerivedType(typeof(HoldReleased), "hold_released")]
[JsonDerivedType(typeof(TransferCancelled), "transfer_cancelled")]
[JsonDerivedType(typeof(InstructionCreated), "instruction_created")]
[JsonDerivedType(typeof(InstructionAffirmed), "instruction_affirmed")]
[JsonDerivedType(typeof(AffirmationWithdrawn), "affirmation_withdrawn")]
[JsonDerivedType(typeof(InstructionSettled), "instruction_settled")]
[JsonDerivedType(typeof(InstructionCancelled), "instruction_cancelled")]
[JsonDerivedType(typeof(CashTransferred), "cash_transferred")]
[JsonDerivedType(typeof(MarketConfigured), "market_configured")]
[JsonDerivedType(typeof(OrderAccepted), "order_accepted")]
[JsonDerivedType(typeof(OrderCancelled), "order_cancelled")]
[JsonDerivedType(typeof(TradeExecuted), "trade_executed")]
[JsonDerivedType(typeof(OfferingOpened), "offering_opened")]
[JsonDerivedType(typeof(SubscriptionPlaced), "subscription_placed")]
[JsonDerivedType(typeof(SubscriptionAmended), "subscription_amended")]
[JsonDerivedType(typeof(SubscriptionWithdrawn), "subscription_withdrawn")]
[JsonDerivedType(typeof(OfferingClosed), "offering_closed")]
[JsonDerivedType(typeof(OfferingAllocationsRecorded), "offering_allocations_recorded")]
[JsonDerivedType(typeof(OfferingCancelled), "offering_cancelled")]
[JsonDerivedType(typeof(TransferApprovalsRequired), "transfer_approvals_required")]
[JsonDerivedType(typeof(TransferApprovalRecorded), "transfer_approval_recorded")]
public abstract record RegisterEvent
{
    protected RegisterEvent(EventType type)
    {
        Type = type;
    }

    [JsonIgnore]
    public EventType Type { get; }

    /// <summary>Schema version of this event type's field layout; every type is at version 1.</summary>
    [JsonIgnore]
    public byte SchemaVersion => 1;

    public abstract void Write(CanonicalWriter writer);
}
