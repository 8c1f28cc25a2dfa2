namespace Registra.Events;

/// <summary>Stable numeric type codes of the canonical encoding; never reuse or renumber one.</summary>
public enum EventType : ushort
{
    IssuerCreated = 1,
    SecurityCreated = 2,
    TrustedIssuerAdded = 3,
    TrustedIssuerRemoved = 4,
    RulesSet = 5,
    ClaimIssuerRegistered = 6,
    IdentityRegistered = 7,
    AccountAdded = 8,
    ClaimAdded = 9,
    ClaimRevoked = 10,
    Issued = 11,
    Redeemed = 12,
    Transferred = 13,
    AccountFrozen = 14,
    AccountUnfrozen = 15,
    AmountFrozen = 16,
    AmountUnfrozen = 17,
    SecurityPaused = 18,
    SecurityUnpaused = 19,
    AccountRecovered = 20,
    TransferQueued = 21,
    TransferApproved = 22,
    TransferDenied = 23,
    SecuritySplit = 24,
    DocumentAttached = 25,
    DocumentRemoved = 26,

    // Ballots and stock events take codes 50 to 69.
    StockSplit = 50,
    StockDividendIssued = 51,
    BallotCreated = 52,
    VoteCast = 53,
    BallotCertified = 54,
    // Cash ledgers and distributions take codes 30 to 49.
    CashAccountOpened = 30,
    CashDeposited = 31,
    CashWithdrawn = 32,
    DistributionAnnounced = 33,
    DistributionPaid = 34,
    DistributionPayoutsRecorded = 35,
    DistributionClaimed = 36,
    DistributionReclaimed = 37,
    DistributionCancelled = 38,
    SecurityRedeemedAtMaturity = 39,
    CashInLieuPaid = 40,


    // Holds, settlement instructions, order books and offerings take codes 70 to 99.
    HoldCreated = 70,
    HoldExecuted = 71,
    HoldReleased = 72,
    TransferCancelled = 73,
    InstructionCreated = 74,
    InstructionAffirmed = 75,
    AffirmationWithdrawn = 76,
    InstructionSettled = 77,
    InstructionCancelled = 78,
    CashTransferred = 79,
    MarketConfigured = 80,
    OrderAccepted = 81,
    OrderCancelled = 82,
    TradeExecuted = 83,

    // Several approvers for queued transfers take codes 84 to 89.
    TransferApprovalsRequired = 84,
    TransferApprovalRecorded = 85,
}
