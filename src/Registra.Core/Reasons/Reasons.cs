namespace Registra.Reasons;

/// <summary>
/// The catalogue of reason codes. Add new codes at the end with a new ERC-1404 number;
/// never rename or renumber a shipped one.
/// </summary>
public static class Reasons
{
    // Balances and amounts.
    public static readonly ReasonCode InsufficientBalance = new("insufficient_balance", 409,
        "The balance of {account} is {current}, less than the {limit} requested.", 0x52, 1);
    public static readonly ReasonCode InsufficientUnfrozenBalance = new("insufficient_unfrozen_balance", 409,
        "Only {current} of {account} is unfrozen, less than the {limit} requested.", 0x52, 2);
    public static readonly ReasonCode InvalidAmount = new("invalid_amount", 400,
        "The amount {value} is invalid: it must be a positive decimal string.", 0x20, 3);
    public static readonly ReasonCode InvalidGranularity = new("invalid_granularity", 400,
        "The amount {value} has more decimal places than the security's {limit}.", 0x20, 4);

    // Security state.
    public static readonly ReasonCode SecurityPaused = new("security_paused", 409,
        "The security is paused; no units can move until it is unpaused.", 0x54, 5);
    public static readonly ReasonCode SecurityAlreadyPaused = new("security_already_paused", 409,
        "The security is already paused.", 0x47, 6);
    public static readonly ReasonCode SecurityNotPaused = new("security_not_paused", 409,
        "The security is not paused.", 0x47, 7);
    public static readonly ReasonCode SupplyCapExceeded = new("supply_cap_exceeded", 409,
        "Issuing would bring the supply to {current}, above the cap of {limit}.", 0x26, 8);

    // Accounts and identities.
    public static readonly ReasonCode AccountFrozen = new("account_frozen", 403,
        "The account {account} is frozen for this security.", 0x16, 9);
    public static readonly ReasonCode SenderNotVerified = new("sender_not_verified", 403,
        "The sender lacks a valid {limit} claim from a trusted claim issuer.", 0x56, 10);
    public static readonly ReasonCode ReceiverNotVerified = new("receiver_not_verified", 403,
        "The receiver lacks a valid {limit} claim from a trusted claim issuer.", 0x57, 11);
    public static readonly ReasonCode AccountClosed = new("account_closed", 409,
        "The account {account} was closed by a recovery and cannot hold units.", 0x16, 12);

    // Rules.
    public static readonly ReasonCode CountryNotAllowed = new("country_not_allowed", 403,
        "The receiver's jurisdiction {current} is not allowed for this security.", 0x10, 13);
    public static readonly ReasonCode MaxHoldersReached = new("max_holders_reached", 409,
        "The security already has {current} holders, the maximum of {limit}.", 0x06, 14);
    public static readonly ReasonCode MaxBalanceExceeded = new("max_balance_exceeded", 409,
        "The receiver would hold {current}, above the maximum of {limit}.", 0x06, 15);
    public static readonly ReasonCode BelowMinHolding = new("below_min_holding", 409,
        "A position of {current} would be left, below the minimum holding of {limit}.", 0x04, 16);
    public static readonly ReasonCode NotRoundLot = new("not_round_lot", 400,
        "The amount {current} is not a multiple of the round lot {limit}.", 0x20, 17);
    public static readonly ReasonCode TokensLocked = new("tokens_locked", 409,
        "Only {current} of the sender's units are past their lock-up or holding period; {limit} was requested.", 0x55, 18);
    public static readonly ReasonCode DistributionCompliancePeriod = new("distribution_compliance_period", 403,
        "Transfers to {current} investors are not allowed until {limit}.", 0x44, 19);
    public static readonly ReasonCode VolumeLimitExceeded = new("volume_limit_exceeded", 409,
        "The sender would move {current} in the rolling window, above the limit of {limit}.", 0x56, 20);
    public static readonly ReasonCode InvestorNotEligible = new("investor_not_eligible", 403,
        "The receiver lacks the {limit} status this security requires.", 0x57, 21);
    public static readonly ReasonCode ApprovalRequired = new("approval_required", 202,
        "The transfer waits for the issuer's approval.", 0x12, 22);

    // Issuer operations.
    public static readonly ReasonCode PermissionDenied = new("permission_denied", 403,
        "The caller lacks the {limit} permission for this security.", 0x58, 23);
    public static readonly ReasonCode NotFound = new("not_found", 404,
        "No {limit} with id {value} exists.", 0x20, 24);
    public static readonly ReasonCode AlreadyExists = new("already_exists", 409,
        "A {limit} with id {value} already exists.", 0x27, 25);
    public static readonly ReasonCode InvalidArgument = new("invalid_argument", 400,
        "The value {value} is invalid: {hint}", 0x20, 26);
    public static readonly ReasonCode InsufficientFrozenAmount = new("insufficient_frozen_amount", 409,
        "Only {current} is frozen, less than the {limit} to unfreeze.", 0x04, 27);
    public static readonly ReasonCode RecoveryNotAllowed = new("recovery_not_allowed", 409,
        "The recovery from {account} is not allowed: {hint}", 0x10, 28);
    public static readonly ReasonCode ApprovalNotPending = new("approval_not_pending", 409,
        "The transfer {value} is not waiting for approval (it is {current}).", 0x47, 29);
    public static readonly ReasonCode ApprovalExpired = new("approval_expired", 409,
        "The transfer {value} expired at {limit} before it was approved.", 0x46, 30);
    public static readonly ReasonCode AccountAlreadyFrozen = new("account_already_frozen", 409,
        "The account {account} is already frozen.", 0x47, 31);
    public static readonly ReasonCode AccountNotFrozen = new("account_not_frozen", 409,
        "The account {account} is not frozen.", 0x47, 32);
    public static readonly ReasonCode AtTimeInFuture = new("at_time_in_future", 400,
        "The instant {value} is in the future; point-in-time reads accept only past instants.", 0x44, 33);
    public static readonly ReasonCode InvalidIdentifier = new("invalid_identifier", 400,
        "The identifier {value} is invalid: {hint}", 0x20, 34);
    public static readonly ReasonCode Overflow = new("amount_overflow", 409,
        "The result would exceed the largest representable amount.", 0x26, 35);
    public static readonly ReasonCode VersionMismatch = new("version_mismatch", 412,
        "The resource is at version {current}, not the expected {limit}; read it again and retry.", 0x27, 36);
    public static readonly ReasonCode IdempotencyKeyReused = new("idempotency_key_reused", 422,
        "The Idempotency-Key {value} was already used with another request; use a new key for a new request.", 0x25, 37);
    public static readonly ReasonCode RateLimited = new("rate_limited", 429,
        "The API key or address sent more requests than its limit of {limit}; retry after the Retry-After delay.", 0x10, 38);
    public static readonly ReasonCode RequestAlreadyApplied = new("request_already_applied", 409,
        "The request with Idempotency-Key {value} was applied from ledger sequence {current}, but its response was not kept; read the resource to see the result.", 0x08, 39);
    public static readonly ReasonCode NotWriter = new("not_writer", 503,
        "This node follows the writer and cannot write; send the request to the writer node named in Location, or retry after a failover.", 0x10, 41);
    public static readonly ReasonCode PayloadTooLarge = new("payload_too_large", 413,
        "The request body is larger than the limit of {limit} bytes; send a smaller body or split a batch.", 0x06, 40);

    // Ballots and stock events. ERC-1404 numbers start at 50 so that codes added elsewhere from 39 on do not collide.
    public static readonly ReasonCode BallotNotOpen = new("ballot_not_open", 409,
        "The ballot {value} opens at {limit}; votes are accepted from then until it closes.", 0x44, 50);
    public static readonly ReasonCode BallotClosed = new("ballot_closed", 409,
        "The ballot {value} closed at {limit}; votes are no longer accepted.", 0x46, 51);
    public static readonly ReasonCode NotAHolderAtRecord = new("not_a_holder_at_record", 403,
        "The identity {value} held no units at the record instant {limit}, so it has no vote.", 0x10, 52);
    public static readonly ReasonCode BallotNotClosed = new("ballot_not_closed", 409,
        "The ballot {value} closes at {limit}; results can be certified only after that.", 0x44, 53);
    public static readonly ReasonCode BallotAlreadyCertified = new("ballot_already_certified", 409,
        "The results of ballot {value} were already certified.", 0x47, 54);
    public static readonly ReasonCode BallotNotCertified = new("ballot_not_certified", 409,
        "The results of ballot {value} are not certified yet.", 0x44, 55);
    public static readonly ReasonCode CashInLieuPriceRequired = new("cash_in_lieu_price_required", 400,
        "The action leaves fractions of a unit on {current} accounts; give a cash-in-lieu price and currency.", 0x20, 56);

    // Cash and distributions. Their ERC-1404 numbers start at 80, so parallel work on other
    // corporate actions can number its codes below without a clash.
    public static readonly ReasonCode InsufficientCash = new("insufficient_cash", 409,
        "The cash account {account} holds {current}, less than the {limit} needed.", 0x52, 80);
    public static readonly ReasonCode InvalidRate = new("invalid_rate", 400,
        "The rate {value} is invalid: a rate is a percentage from 0 to 100.", 0x20, 81);
    public static readonly ReasonCode RecordInstantInFuture = new("record_instant_in_future", 409,
        "The record instant {limit} has not passed, so the balances it counts are not known yet.", 0x44, 82);
    public static readonly ReasonCode PaymentNotDue = new("payment_not_due", 409,
        "The distribution is payable from {limit}, not before.", 0x44, 83);
    public static readonly ReasonCode NoEligibleSupply = new("no_eligible_supply", 409,
        "No units are eligible at the record instant {limit}, so there is nobody to pay.", 0x04, 84);
    public static readonly ReasonCode DistributionAlreadyPaid = new("distribution_already_paid", 409,
        "The distribution {value} was already paid; a payment is made once.", 0x47, 85);
    public static readonly ReasonCode DistributionNotPaid = new("distribution_not_paid", 409,
        "The distribution {value} is {current}, not paid.", 0x44, 86);
    public static readonly ReasonCode DistributionCancelled = new("distribution_cancelled", 409,
        "The distribution {value} was cancelled.", 0x40, 87);
    public static readonly ReasonCode ClaimPeriodExpired = new("claim_period_expired", 409,
        "The claim period ended at {limit}; the issuer may reclaim what is still held.", 0x46, 88);
    public static readonly ReasonCode ClaimPeriodOpen = new("claim_period_open", 409,
        "Held amounts can be claimed until {limit}; reclaim them from then on.", 0x44, 89);
    public static readonly ReasonCode NothingUnclaimed = new("nothing_unclaimed", 409,
        "Nothing of distribution {value} is held for {account}.", 0x47, 90);
    public static readonly ReasonCode NotMatured = new("not_matured", 409,
        "The security matures at {limit}; it cannot be redeemed before.", 0x44, 92);
    public static readonly ReasonCode SecurityRedeemed = new("security_redeemed", 409,
        "The security was redeemed at maturity; its units are retired.", 0x40, 93);

    // Corporate actions.
    public static readonly ReasonCode InvalidTerms = new("invalid_terms", 422,
        "The security's term {limit} is invalid or missing: {hint}", 0x20, 94);

    // Holds, settlement and the market take ERC-1404 numbers from 100, clear of the cash codes from 80.
    public static readonly ReasonCode InsufficientSpendableBalance = new("insufficient_spendable_balance", 409,
        "Only {current} of {account} is free of freezes and holds, less than the {limit} requested.", 0x52, 100);
    public static readonly ReasonCode HoldNotOpen = new("hold_not_open", 409,
        "The hold {value} is {current}; only an open hold can be executed or released.", 0x47, 101);
    public static readonly ReasonCode HoldExpired = new("hold_expired", 409,
        "The hold {value} expired at {limit}, so it can only be released.", 0x46, 102);
    public static readonly ReasonCode InstructionNotAffirmed = new("instruction_not_affirmed", 409,
        "The instruction {value} still waits for the affirmation of {current}.", 0x12, 103);
    public static readonly ReasonCode InstructionExpired = new("instruction_expired", 409,
        "The instruction {value} expired at {limit}, so it can no longer settle.", 0x46, 104);
    public static readonly ReasonCode InstructionNotOpen = new("instruction_not_open", 409,
        "The instruction {value} is {current}; only an open instruction can be affirmed or settled.", 0x47, 105);
    public static readonly ReasonCode NotAParty = new("not_a_party", 403,
        "The identity {current} is not a party or the mediator of instruction {value}.", 0x58, 106);
    public static readonly ReasonCode MarketNotConfigured = new("market_not_configured", 409,
        "The security {value} has no market settings; an agent must set its currency, tick size and lot size first.", 0x54, 107);
    public static readonly ReasonCode PriceOffTick = new("price_off_tick", 400,
        "The price {value} is not a positive multiple of the tick size {limit}.", 0x20, 108);
    public static readonly ReasonCode QuantityOffLot = new("quantity_off_lot", 400,
        "The quantity {value} is not a positive multiple of the lot size {limit}.", 0x20, 109);
    public static readonly ReasonCode OrderNotOpen = new("order_not_open", 409,
        "The order {value} is not resting in the book; it was filled or cancelled.", 0x47, 110);
    public static readonly ReasonCode FillOrKillUnfilled = new("fill_or_kill_unfilled", 409,
        "Only {current} of the {limit} ordered can be filled at once, so the fill-or-kill order was not accepted.", 0x06, 111);
    public static readonly ReasonCode MarketActivityOpen = new("market_activity_open", 409,
        "Holds, queued transfers, resting orders or offerings are open on {value}; end them first.", 0x47, 112);
    public static readonly ReasonCode NoLiquidity = new("no_liquidity", 409,
        "No order on the other side can be matched.", 0x06, 113);

    // Primary offerings take ERC-1404 numbers from 120, clear of the market codes from 100.
    public static readonly ReasonCode OfferingNotOpen = new("offering_not_open", 409,
        "The offering {value} is {current}; only an open offering takes subscriptions, closes or is cancelled.", 0x47, 120);
    public static readonly ReasonCode SubscriptionWindowNotOpen = new("subscription_window_not_open", 409,
        "The offering {value} takes subscriptions from {limit}, not before.", 0x44, 121);
    public static readonly ReasonCode SubscriptionWindowClosed = new("subscription_window_closed", 409,
        "The subscription window of offering {value} closed at {limit}; subscriptions can no longer change.", 0x46, 122);
    public static readonly ReasonCode BelowMinimumSubscription = new("below_minimum_subscription", 409,
        "The subscription of {current} is below the minimum of {limit} per investor.", 0x04, 123);
    public static readonly ReasonCode AboveMaximumSubscription = new("above_maximum_subscription", 409,
        "The subscription of {current} is above the maximum of {limit} per investor.", 0x06, 124);
    public static readonly ReasonCode SubscriptionWindowStillOpen = new("subscription_window_still_open", 409,
        "The subscription window of offering {value} is open until {limit}; close it early explicitly or wait until then.", 0x44, 125);
    public static readonly ReasonCode AllocationUnresolved = new("allocation_unresolved", 409,
        "Subscribers of offering {value} kept failing compliance after {current} allocation rounds; cancel the offering or fix the subscribers' eligibility.", 0x10, 126);
    public static readonly ReasonCode MinimumRaiseNotMet = new("minimum_raise_not_met", 409,
        "The offering {value} raised {current}, below its minimum raise of {limit}, so every subscription was refunded.", 0x04, 127);

    // Errors of the HTTP edge, before a request reaches the register. ERC-1404 numbers from 140,
    // clear of the offering codes from 120.
    public static readonly ReasonCode Unauthenticated = new("unauthenticated", 401,
        "The request carries no API key or token, or one that is unknown, revoked or expired; {hint}", 0x10, 140);
    public static readonly ReasonCode MethodNotAllowed = new("method_not_allowed", 405,
        "The method {value} is not allowed on this path; use one of {limit}.", 0x20, 141);
    public static readonly ReasonCode UnsupportedMediaType = new("unsupported_media_type", 415,
        "The body's media type {value} is not accepted; send JSON as application/json.", 0x20, 142);
    public static readonly ReasonCode PreconditionRequired = new("precondition_required", 428,
        "The update needs If-Match with the resource's ETag, so a concurrent change is not overwritten.", 0x27, 143);
    // Several approvers for queued transfers take ERC-1404 numbers 114 to 119.
    public static readonly ReasonCode ApprovalAlreadyGiven = new("approval_already_given", 409,
        "The approver {current} already approved transfer {value}; {limit} distinct approvers must approve it.", 0x47, 114);
    public static readonly ReasonCode NotAnApprover = new("not_an_approver", 403,
        "The caller {current} is not one of the approvers that transfer {value} names: {limit}.", 0x58, 115);
    public static readonly ReasonCode OrderHistoryBehind = new("order_history_behind", 503,
        "The order history has read the ledger up to event {current} of {limit}; retry after the Retry-After delay.", 0x10, 116);

    /// <summary>Every code in the catalogue, in ERC-1404 order.</summary>
    public static IReadOnlyList<ReasonCode> All { get; } =
    [
        InsufficientBalance, InsufficientUnfrozenBalance, InvalidAmount, InvalidGranularity,
        SecurityPaused, SecurityAlreadyPaused, SecurityNotPaused, SupplyCapExceeded,
        AccountFrozen, SenderNotVerified, ReceiverNotVerified, AccountClosed,
        CountryNotAllowed, MaxHoldersReached, MaxBalanceExceeded, BelowMinHolding, NotRoundLot,
        TokensLocked, DistributionCompliancePeriod, VolumeLimitExceeded, InvestorNotEligible,
        ApprovalRequired, PermissionDenied, NotFound, AlreadyExists, InvalidArgument,
        InsufficientFrozenAmount, RecoveryNotAllowed, ApprovalNotPending, ApprovalExpired,
        AccountAlreadyFrozen, AccountNotFrozen, AtTimeInFuture, InvalidIdentifier, Overflow, VersionMismatch,
        IdempotencyKeyReused, RateLimited, RequestAlreadyApplied, PayloadTooLarge, NotWriter,
        BallotNotOpen, BallotClosed, NotAHolderAtRecord, BallotNotClosed, BallotAlreadyCertified, BallotNotCertified,
        CashInLieuPriceRequired,
        InsufficientCash, InvalidRate, RecordInstantInFuture, PaymentNotDue, NoEligibleSupply, DistributionAlreadyPaid,
        DistributionNotPaid, DistributionCancelled, ClaimPeriodExpired, ClaimPeriodOpen, NothingUnclaimed,
        NotMatured, SecurityRedeemed,
        InvalidTerms,
        InsufficientSpendableBalance, HoldNotOpen, HoldExpired, InstructionNotAffirmed, InstructionExpired,
        InstructionNotOpen, NotAParty, MarketNotConfigured, PriceOffTick, QuantityOffLot, OrderNotOpen,
        FillOrKillUnfilled, MarketActivityOpen, NoLiquidity,
        OfferingNotOpen, SubscriptionWindowNotOpen, SubscriptionWindowClosed, BelowMinimumSubscription,
        AboveMaximumSubscription, SubscriptionWindowStillOpen, AllocationUnresolved, MinimumRaiseNotMet,
        Unauthenticated, MethodNotAllowed, UnsupportedMediaType, PreconditionRequired,
        ApprovalAlreadyGiven, NotAnApprover, OrderHistoryBehind,
    ];

    private static readonly Dictionary<string, ReasonCode> ByName = All.ToDictionary(code => code.Name);

    public static ReasonCode? Find(string name) => ByName.GetValueOrDefault(name);
}
