using Registra.Amounts;
using Registra.Cash;
using Registra.CorporateActions.Distributions;
using Registra.Events;
using Registra.Identities;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>
    /// Computes a payment on the balances at the record instant: each identity's eligible units
    /// (all its accounts summed, excluded identities left out), the gross shared exactly by
    /// <see cref="DistributionMath.Allocate"/> in identity id order, the tax withheld per holder,
    /// and whether the net is credited or held. Returns the events, or the failure that rejects it.
    /// </summary>
    private (List<RegisterEvent> Events, Failure? Failure) BuildPayment(DistributionTerms terms, SecurityState security, DateTimeOffset now)
    {
        var holdings = EligibleHoldings(security, terms.RecordAt, terms.Excluded);
        if (holdings.Count == 0)
        {
            return ([], NoEligibleSupplyFailure(terms.RecordAt));
        }

        var weights = new Int128[holdings.Count];
        var eligible = Int128.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = holdings[i].Units;
            eligible = checked(eligible + weights[i]);
        }

        var gross = terms.Basis == DistributionBasis.Total
            ? terms.Amount
            : DistributionMath.GrossPerUnit(eligible, security.Definition.Decimals, terms.Amount);
        var ledger = State.Cash.Ledgers.GetValueOrDefault(terms.Currency);
        if (gross == Int128.Zero)
        {
            return ([], new Failure(Reasons.Reasons.InvalidAmount, "amount", null, "0",
                $"The amount per unit times the {new Amount(eligible).Format(security.Definition.Decimals)} eligible units is less than one minor unit of {terms.Currency}; announce a larger amount.") { Subject = terms.Id });
        }

        if (State.Cash.CheckDebit(CashAccountKey.OfIssuer(security.Definition.IssuerId, terms.Currency), new Amount(gross)) is { } unfunded)
        {
            return ([], unfunded);
        }

        var shares = DistributionMath.Allocate(gross, weights);
        var payouts = new HolderPayout[holdings.Count];
        Int128 withheldTotal = 0, netPaid = 0, unclaimed = 0;
        for (var i = 0; i < payouts.Length; i++)
        {
            var identityId = holdings[i].IdentityId;
            var rate = terms.Withholding.RateFor(identityId, JurisdictionOf(identityId, terms.Withholding, security, now));
            var withheld = DistributionMath.Withhold(shares[i], rate);
            var credited = ledger is not null && ledger.Identities.ContainsKey(identityId);
            payouts[i] = new HolderPayout(identityId, weights[i], shares[i], withheld, rate, credited ? PayoutStatus.Paid : PayoutStatus.Unclaimed);
            withheldTotal += withheld;
            if (credited)
            {
                netPaid += shares[i] - withheld;
            }
            else
            {
                unclaimed += shares[i] - withheld;
            }
        }

        var events = new List<RegisterEvent>(2 + (payouts.Length / DistributionPayoutsRecorded.MaxPayouts))
        {
            new DistributionPaid(terms.Id, terms.SecurityId, eligible, gross, withheldTotal, netPaid, unclaimed, payouts.Length),
        };
        for (var start = 0; start < payouts.Length; start += DistributionPayoutsRecorded.MaxPayouts)
        {
            var count = Math.Min(DistributionPayoutsRecorded.MaxPayouts, payouts.Length - start);
            events.Add(new DistributionPayoutsRecorded(terms.Id, terms.SecurityId, new ArraySegment<HolderPayout>(payouts, start, count)));
        }

        return (events, null);
    }

    /// <summary>
    /// Lists each identity with a non-zero total at the instant, summed over its accounts, ordered
    /// by identity id (ordinal), leaving out the excluded identities.
    /// </summary>
    private static List<(string IdentityId, Int128 Units)> EligibleHoldings(SecurityState security, DateTimeOffset recordAt, IReadOnlyList<string> excluded)
    {
        var excludedSet = excluded.Count == 0 ? null : new HashSet<string>(excluded, StringComparer.Ordinal);
        var found = new List<(string IdentityId, Int128 Units)>(security.Positions.Count);
        foreach (var position in security.Positions.Values)
        {
            var balance = position.History.At(recordAt);
            if (balance.IsPositive && excludedSet?.Contains(position.IdentityId) != true)
            {
                found.Add((position.IdentityId, balance.Units));
            }
        }

        // Positions are usually met in identity id order already (identities registered in order), so check before sorting.
        if (!IsOrdered(found))
        {
            found.Sort(static (a, b) => string.CompareOrdinal(a.IdentityId, b.IdentityId));
        }

        // Merge the accounts of one identity, which sit next to each other after the sort.
        var merged = 0;
        for (var i = 0; i < found.Count; i++)
        {
            if (merged > 0 && found[merged - 1].IdentityId == found[i].IdentityId)
            {
                found[merged - 1] = (found[i].IdentityId, checked(found[merged - 1].Units + found[i].Units));
            }
            else
            {
                found[merged++] = found[i];
            }
        }

        found.RemoveRange(merged, found.Count - merged);
        return found;
    }

    private static bool IsOrdered(List<(string IdentityId, Int128 Units)> found)
    {
        for (var i = 1; i < found.Count; i++)
        {
            if (string.CompareOrdinal(found[i - 1].IdentityId, found[i].IdentityId) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the holder's jurisdiction at the instant, looked up only when the withholding has jurisdiction rates.</summary>
    private string? JurisdictionOf(string identityId, WithholdingPolicy withholding, SecurityState security, DateTimeOffset now) =>
        withholding.ByJurisdiction.Count == 0 || !State.Identities.TryGetValue(identityId, out var identity)
            ? null
            : identity.FindValidClaim(ClaimTypes.Jurisdiction, now, security.TrustedIssuers)?.Value;
}
