using Registra.Amounts;

namespace Registra.CorporateActions.Distributions;

/// <summary>
/// A distribution and, once paid, every holder's payout ordered by identity id (ordinal), with
/// the running totals the reconciliation report reads.
/// </summary>
public sealed class DistributionState(DistributionTerms terms, string issuerId, DateTimeOffset announcedAt)
{
    public DistributionTerms Terms { get; } = terms;

    public string Id => Terms.Id;

    public string IssuerId { get; } = issuerId;

    public DateTimeOffset AnnouncedAt { get; } = announcedAt;

    public DistributionStatus Status { get; internal set; } = DistributionStatus.Announced;

    public DateTimeOffset? PaidAt { get; internal set; }

    /// <summary>Sum of the eligible balances at the record instant, in the security's smallest units.</summary>
    public Amount EligibleUnits { get; internal set; }

    /// <summary>Minor units taken from the issuer's operating account at payment: every payout's gross.</summary>
    public Amount Gross { get; internal set; }

    /// <summary>Tax withheld, paid to the issuer's tax account at payment.</summary>
    public Amount Withheld { get; internal set; }

    /// <summary>Net credited to holders at payment.</summary>
    public Amount NetPaid { get; internal set; }

    /// <summary>Net held for holders without a cash account at payment, before claims and reclaims.</summary>
    public Amount UnclaimedAtPayment { get; internal set; }

    /// <summary>Net still held: unclaimed at payment, less what was claimed and reclaimed since.</summary>
    public Amount Unclaimed { get; internal set; }

    public Amount Claimed { get; internal set; }

    public Amount Reclaimed { get; internal set; }

    public List<HolderPayout> Payouts { get; } = [];

    /// <summary>Returns the index of the identity's payout, or a negative number when it has none.</summary>
    public int IndexOf(string identityId)
    {
        int low = 0, high = Payouts.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(Payouts[middle].IdentityId, identityId);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
