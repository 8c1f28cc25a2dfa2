using Registra.Amounts;
using Registra.CorporateActions.Distributions;

namespace Registra.Api.Features.Distributions;

/// <param name="DefaultPercent">Percentage withheld from holders without a more specific rate, such as "15"; "0" when absent.</param>
/// <param name="ByJurisdiction">Percentages by ISO 3166-1 alpha-2 code of the holder's jurisdiction claim.</param>
/// <param name="ByIdentity">Percentages by identity id, which win over the jurisdiction and the default.</param>
public sealed record WithholdingRequest(
    string? DefaultPercent = null,
    IReadOnlyDictionary<string, string>? ByJurisdiction = null,
    IReadOnlyDictionary<string, string>? ByIdentity = null);

/// <param name="Basis">total: amount is the gross in the currency; per_unit: amount per whole unit of the security, with up to 8 more decimals than the currency.</param>
/// <param name="RecordAt">Balances at this instant decide the payouts. It may be in the future; the payment is rejected before it.</param>
/// <param name="PaymentAt">Not before the record instant; the payment is rejected before it.</param>
/// <param name="ClaimUntil">Deadline for holders without a cash account at payment; 365 days after the payment instant when absent.</param>
/// <param name="Excluded">Identity ids left out of the payment and the denominator, such as the issuer's treasury.</param>
/// <param name="Id">Client-chosen id; the register gives one starting with "dist-" when absent.</param>
public sealed record AnnounceDistributionRequest(
    DistributionKind Kind,
    string Currency,
    DistributionBasis Basis,
    string Amount,
    DateTimeOffset RecordAt,
    DateTimeOffset PaymentAt,
    DateTimeOffset? ClaimUntil = null,
    WithholdingRequest? Withholding = null,
    IReadOnlyList<string>? Excluded = null,
    string? Id = null,
    string? Reference = null);

public sealed record ClaimRequest(string IdentityId);

/// <summary>The body of POST /coupons: the withholding every announced coupon applies. The body may be left out.</summary>
public sealed record ScheduleCouponsRequest(WithholdingRequest? Withholding = null);

/// <summary>Withholding rates as percentages.</summary>
public sealed record WithholdingView(string DefaultPercent, IReadOnlyDictionary<string, string> ByJurisdiction, IReadOnlyDictionary<string, string> ByIdentity);

/// <summary>What was paid, in the currency; all "0" until the payment.</summary>
/// <param name="EligibleUnits">Sum of the eligible balances at the record instant, in the security's units.</param>
/// <param name="UnclaimedAtPayment">Net held at payment for holders without a cash account.</param>
/// <param name="Unclaimed">Net still held: unclaimed at payment less claimed and reclaimed.</param>
public sealed record DistributionTotals(
    string EligibleUnits,
    string Gross,
    string Withheld,
    string NetPaid,
    string UnclaimedAtPayment,
    string Unclaimed,
    string Claimed,
    string Reclaimed,
    int Holders);

/// <param name="Amount">The announced amount: the gross total, or the amount per whole unit.</param>
public sealed record DistributionView(
    string Id,
    string SecurityId,
    DistributionKind Kind,
    DistributionStatus Status,
    string Currency,
    DistributionBasis Basis,
    string Amount,
    DateTimeOffset RecordAt,
    DateTimeOffset PaymentAt,
    DateTimeOffset ClaimUntil,
    WithholdingView Withholding,
    IReadOnlyList<string> Excluded,
    string Reference,
    DateTimeOffset AnnouncedAt,
    DateTimeOffset? PaidAt,
    DistributionTotals Totals)
{
    public static DistributionView Of(DistributionState distribution, int securityDecimals, int minorUnits)
    {
        var terms = distribution.Terms;
        var amountDecimals = terms.Basis == DistributionBasis.Total ? minorUnits : minorUnits + DistributionMath.PerUnitExtraDigits;
        var totals = new DistributionTotals(distribution.EligibleUnits.Format(securityDecimals), distribution.Gross.Format(minorUnits),
            distribution.Withheld.Format(minorUnits), distribution.NetPaid.Format(minorUnits), distribution.UnclaimedAtPayment.Format(minorUnits),
            distribution.Unclaimed.Format(minorUnits), distribution.Claimed.Format(minorUnits), distribution.Reclaimed.Format(minorUnits),
            distribution.Payouts.Count);
        var withholding = new WithholdingView(Percent(terms.Withholding.DefaultPpm),
            terms.Withholding.ByJurisdiction.ToDictionary(pair => pair.Key, pair => Percent(pair.Value)),
            terms.Withholding.ByIdentity.ToDictionary(pair => pair.Key, pair => Percent(pair.Value)));
        return new DistributionView(terms.Id, terms.SecurityId, terms.Kind, distribution.Status, terms.Currency, terms.Basis,
            new Amount(terms.Amount).Format(amountDecimals), terms.RecordAt, terms.PaymentAt, terms.ClaimUntil, withholding, terms.Excluded,
            terms.Reference, distribution.AnnouncedAt, distribution.PaidAt, totals);
    }

    /// <summary>Formats parts per million as a percentage: 150000 becomes "15".</summary>
    public static string Percent(int ppm) => Amounts.Amount.FromUnits(ppm).Format(4);
}

/// <param name="Units">Eligible balance at the record instant, in the security's units.</param>
/// <param name="RatePercent">Withholding rate applied.</param>
public sealed record PayoutView(string IdentityId, string Units, string Gross, string Withheld, string Net, string RatePercent, PayoutStatus Status)
{
    public static PayoutView Of(HolderPayout payout, int securityDecimals, int minorUnits) =>
        new(payout.IdentityId, new Amount(payout.Units).Format(securityDecimals), new Amount(payout.Gross).Format(minorUnits),
            new Amount(payout.Withheld).Format(minorUnits), new Amount(payout.Net).Format(minorUnits), DistributionView.Percent(payout.RatePpm), payout.Status);
}

/// <summary>The reconciliation report: the distribution with its totals, and a page of payouts ordered by identity id.</summary>
public sealed record DistributionReport(DistributionView Distribution, IReadOnlyList<PayoutView> Payouts, string? Next);
