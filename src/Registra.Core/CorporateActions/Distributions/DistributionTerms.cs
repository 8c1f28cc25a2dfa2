namespace Registra.CorporateActions.Distributions;

/// <summary>What an announcement fixes about a distribution; it never changes afterwards.</summary>
/// <param name="Amount">Total gross in minor units, or the per-unit amount in minor units times 10^8 (<see cref="DistributionBasis"/>).</param>
/// <param name="RecordAt">Balances at this instant (every event with timestamp &lt;= it) decide who is paid and how much.</param>
/// <param name="PaymentAt">The payment is rejected before this instant.</param>
/// <param name="ClaimUntil">Held amounts can be claimed before this instant and reclaimed by the issuer from it on.</param>
/// <param name="Excluded">Identities left out of the distribution and its denominator, such as the issuer's treasury.</param>
/// <param name="Reference">Free text for holders and statements, such as "Q2 2025 dividend".</param>
public sealed record DistributionTerms(
    string Id,
    string SecurityId,
    DistributionKind Kind,
    string Currency,
    DistributionBasis Basis,
    Int128 Amount,
    DateTimeOffset RecordAt,
    DateTimeOffset PaymentAt,
    DateTimeOffset ClaimUntil,
    WithholdingPolicy Withholding,
    IReadOnlyList<string> Excluded,
    string Reference);
