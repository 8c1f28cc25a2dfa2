using Registra.Identities;
using Registra.Securities;

namespace Registra.Register;

/// <summary>
/// Everything the state machine knows, rebuilt by applying the journal's events in order.
/// Only the state machine mutates it, on its single writer thread.
/// </summary>
public sealed class RegisterState
{
    public Dictionary<string, IssuerState> Issuers { get; } = [];

    public Dictionary<string, SecurityState> Securities { get; } = [];

    public Dictionary<string, IdentityState> Identities { get; } = [];

    public Dictionary<string, AccountState> Accounts { get; } = [];

    /// <summary>Registered claim issuers by id, with their names.</summary>
    public Dictionary<string, string> ClaimIssuers { get; } = [];

    public Dictionary<string, PendingTransfer> PendingTransfers { get; } = [];

    /// <summary>Ballots of every security by ballot id.</summary>
    public Dictionary<string, CorporateActions.Ballots.BallotState> Ballots { get; } = [];

    /// <summary>Splits and stock dividends of every security by id, in the order they took effect.</summary>
    public Dictionary<string, CorporateActions.StockEvents.StockEventRecord> StockEvents { get; } = [];
    /// <summary>Cash accounts by currency and owner.</summary>
    public Cash.CashBook Cash { get; } = new();

    /// <summary>Distributions, coupons and redemptions by distribution id.</summary>
    public Dictionary<string, CorporateActions.Distributions.DistributionState> Distributions { get; } = new(StringComparer.Ordinal);

    /// <summary>Holds, settlement instructions and order books.</summary>
    public Market.MarketState Market { get; internal set; } = new();

    /// <summary>Sequence number of the last applied event; 0 before the first.</summary>
    public long LastSequence { get; internal set; }

    /// <summary>Timestamp of the last applied event.</summary>
    public DateTimeOffset LastTimestamp { get; internal set; } = DateTimeOffset.UnixEpoch;
}
