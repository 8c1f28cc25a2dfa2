using Registra.Commands;

namespace Registra.CorporateActions.Distributions;

/// <summary>A command on distributions, coupons or redemptions; each needs the actions permission for the security's issuer.</summary>
public abstract record DistributionCommand : RegisterCommand;

/// <summary>
/// Announces a cash distribution. Amounts and rates are decimal strings, judged by the state
/// machine once it knows the currency's minor units.
/// </summary>
/// <param name="Currency">An active ISO 4217 code with a minor unit.</param>
/// <param name="Amount">With <see cref="DistributionBasis.Total"/>, the gross total in the currency ("1000000.00");
/// with <see cref="DistributionBasis.PerUnit"/>, the amount per whole unit, with up to 8 more digits than the currency's minor unit.</param>
/// <param name="ClaimUntil">Deadline for holders without a cash account at payment; 365 days after the payment instant when null.</param>
/// <param name="DefaultWithholdingPercent">Percentage withheld from every holder without a more specific rate, such as "15"; "0" when null.</param>
/// <param name="WithholdingByJurisdiction">Percentages by ISO 3166-1 alpha-2 code of the holder's jurisdiction claim.</param>
/// <param name="WithholdingByIdentity">Percentages by identity id; they win over the jurisdiction and the default.</param>
/// <param name="Excluded">Identity ids left out of the payment and the denominator, such as the issuer's treasury.</param>
/// <param name="DistributionId">Client-chosen id; "dist-" and the sequence number of the announcement when null.</param>
public sealed record AnnounceDistribution(
    string SecurityId,
    DistributionKind Kind,
    string Currency,
    DistributionBasis Basis,
    string Amount,
    DateTimeOffset RecordAt,
    DateTimeOffset PaymentAt,
    DateTimeOffset? ClaimUntil = null,
    string? DefaultWithholdingPercent = null,
    IReadOnlyDictionary<string, string>? WithholdingByJurisdiction = null,
    IReadOnlyDictionary<string, string>? WithholdingByIdentity = null,
    IReadOnlyList<string>? Excluded = null,
    string? DistributionId = null,
    string? Reference = null) : DistributionCommand;

/// <summary>
/// Pays an announced distribution from the issuer's operating cash account, once: at or after the
/// payment instant, on the balances at the record instant.
/// </summary>
public sealed record PayDistribution(string DistributionId) : DistributionCommand;

/// <summary>
/// Credits a holder's held net amount to its cash account, before the claim deadline. The
/// operator, the issuer's agent with the actions permission and the investor itself may claim.
/// </summary>
public sealed record ClaimDistribution(string DistributionId, string IdentityId) : DistributionCommand;

/// <summary>Returns every amount still held to the issuer's operating account, from the claim deadline on.</summary>
public sealed record ReclaimDistribution(string DistributionId) : DistributionCommand;

/// <summary>Cancels a distribution that was announced and not paid.</summary>
public sealed record CancelDistribution(string DistributionId) : DistributionCommand;

/// <summary>
/// Announces one coupon distribution per period of a debt security's terms that is not announced
/// yet and whose payment date has not passed, with the withholding rates every such coupon applies.
/// </summary>
public sealed record ScheduleCoupons(
    string SecurityId,
    string? DefaultWithholdingPercent = null,
    IReadOnlyDictionary<string, string>? WithholdingByJurisdiction = null,
    IReadOnlyDictionary<string, string>? WithholdingByIdentity = null) : DistributionCommand;

/// <summary>
/// At or after the maturity date, pays the face value per unit from the issuer's operating cash
/// account, retires every unit and marks the security redeemed.
/// </summary>
public sealed record RedeemAtMaturity(string SecurityId) : DistributionCommand;
