using Registra.Amounts;
using Registra.Register;

namespace Registra.Market.Offerings;

/// <summary>
/// The offerings' invariants: an open offering's escrow equals the cash of its subscriptions, each
/// subscription fits the terms, and a closed offering's allocations add up to its totals without
/// passing the cap.
/// </summary>
internal static class OfferingInvariants
{
    public static void Check(RegisterState state, List<string> violations)
    {
        foreach (var offering in state.Market.Offerings.Values)
        {
            var decimals = state.Securities[offering.SecurityId].Definition.Decimals;
            CheckSubscriptions(offering, decimals, violations);
            CheckAllocations(offering, decimals, violations);
        }
    }

    private static void CheckSubscriptions(Offering offering, int decimals, List<string> violations)
    {
        var where = $"offering {offering.Id}";
        var terms = offering.Terms;
        Amount cash = Amount.Zero, quantity = Amount.Zero;
        var priorities = new HashSet<long>();
        foreach (var subscription in offering.Subscriptions.Values)
        {
            cash = cash.Plus(subscription.Cash);
            quantity = quantity.Plus(subscription.Quantity);
            var fits = subscription.Quantity.Units % terms.LotSize.Units == 0
                && subscription.Quantity >= terms.MinPerInvestor && subscription.Quantity <= terms.MaxPerInvestor;
            if (!fits || subscription.Cash != Register.Register.CostOf(terms, subscription.Quantity, decimals))
            {
                violations.Add($"{where}, identity {subscription.IdentityId}: {subscription.Quantity} units for {subscription.Cash} breaks the terms");
            }

            if (subscription.Priority >= offering.NextPriority || !priorities.Add(subscription.Priority))
            {
                violations.Add($"{where}, identity {subscription.IdentityId}: priority {subscription.Priority} is reused or not yet handed out");
            }
        }

        if (cash != offering.Escrow || quantity != offering.Subscribed)
        {
            violations.Add($"{where}: escrow {offering.Escrow} and subscribed {offering.Subscribed} differ from the subscriptions' {cash} and {quantity}");
        }

        if (offering.Status != OfferingStatus.Open && offering.Subscriptions.Count > 0)
        {
            violations.Add($"{where}: {offering.Status} but {offering.Subscriptions.Count} subscriptions are still open");
        }
    }

    private static void CheckAllocations(Offering offering, int decimals, List<string> violations)
    {
        if (offering.Status is not (OfferingStatus.Settled or OfferingStatus.Refunded))
        {
            return;
        }

        var where = $"offering {offering.Id}";
        var terms = offering.Terms;
        Amount allocated = Amount.Zero, paid = Amount.Zero, refunded = Amount.Zero;
        foreach (var allocation in offering.Allocations)
        {
            var units = new Amount(allocation.Allocated);
            allocated = allocated.Plus(units);
            paid = paid.Plus(new Amount(allocation.Paid));
            refunded = refunded.Plus(new Amount(allocation.Refund));
            var exact = allocation.Paid == Register.Register.CostOf(terms, units, decimals).Units
                && allocation.Paid + allocation.Refund == Register.Register.CostOf(terms, new Amount(allocation.Requested), decimals).Units;
            var inRange = units.IsZero
                || (units >= terms.MinPerInvestor && allocation.Allocated <= allocation.Requested && allocation.Allocated % terms.LotSize.Units == 0);
            if (!exact || !inRange)
            {
                violations.Add($"{where}, identity {allocation.IdentityId}: allocated {allocation.Allocated} of {allocation.Requested} for {allocation.Paid} with a refund of {allocation.Refund} breaks the terms");
            }
        }

        if (allocated != offering.Allocated || paid != offering.Raised || refunded != offering.Refunded || offering.Allocations.Count != offering.SubscriberCount)
        {
            violations.Add($"{where}: allocations add up to {allocated} units, {paid} raised and {refunded} refunded over {offering.Allocations.Count} subscribers, not the recorded totals");
        }

        if (allocated > terms.Cap || (offering.Status == OfferingStatus.Refunded && allocated.IsPositive))
        {
            violations.Add($"{where}: {allocated} units allocated, above the cap {terms.Cap} or despite a refund");
        }
    }
}
