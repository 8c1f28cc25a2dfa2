using Registra.Amounts;
using Registra.Commands;
using Registra.Events;
using Registra.Market.Offerings;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>
    /// Maximum number of allocation rounds in one close. Each round after the first drops at least one subscriber
    /// that failed compliance in the round before, so the limit bounds the work on the writer thread.
    /// </summary>
    public const int MaxAllocationRounds = 16;

    /// <summary>
    /// Closes an offering in one command: allocates, issues the units, pays the issuer and refunds
    /// the rest, or rejects with nothing changed. Issuances are tried in queue order against the state
    /// the ones before them leave, then rolled back. The events apply them again once accepted.
    /// </summary>
    private CommandResult DecideCloseOffering(CloseOffering command, DateTimeOffset now)
    {
        if (FindOffering(command.OfferingId, out var offering) is { } missing)
        {
            return CommandResult.Rejected(missing);
        }

        var security = State.Securities[offering.SecurityId];
        if (CheckClose(command, offering, security, now) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        var queue = offering.Subscriptions.Values.OrderBy(s => s.Priority).ToList();
        var ineligible = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Allocate(offering, security, queue, ineligible, now) is not { } lots)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.AllocationUnresolved, "offering", null,
                MaxAllocationRounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Subscribers kept failing compliance after {MaxAllocationRounds} allocation rounds; cancel offering {offering.Id} or fix the subscribers' eligibility.") { Subject = offering.Id });
        }

        var decimals = security.Definition.Decimals;
        var lot = offering.Terms.LotSize.Units;
        var allocated = Int128.Zero;
        foreach (var subscription in queue)
        {
            allocated += lots.GetValueOrDefault(subscription.IdentityId) * lot;
        }

        var raised = CostOf(offering.Terms, new Amount(allocated), decimals);
        var status = offering.Terms.MinimumRaise is { } minimumRaise && raised < minimumRaise ? OfferingStatus.Refunded : OfferingStatus.Settled;
        if (status == OfferingStatus.Settled && security.SupplyCap is { } cap && security.Supply.Plus(new Amount(allocated)) > cap)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.SupplyCapExceeded, "supply_cap", cap.Format(decimals),
                security.Supply.Plus(new Amount(allocated)).Format(decimals),
                $"Issuing the {new Amount(allocated).Format(decimals)} allocated would pass the supply cap; cancel offering {offering.Id} or redeem units first.") { Subject = offering.Id });
        }

        return new CommandResult(CloseEvents(command, offering, queue, lots, ineligible, status, decimals, now), [], offering.Id);
    }

    private Failure? CheckClose(CloseOffering command, Offering offering, SecurityState security, DateTimeOffset now)
    {
        if ((CheckOfferingAgent(command.Actor, offering) ?? NotOpen(offering)) is { } failure)
        {
            return failure;
        }

        if (now < offering.Terms.ClosesAt && !command.Early)
        {
            return new Failure(Reasons.Reasons.SubscriptionWindowStillOpen, "offering", offering.Terms.ClosesAt.ToString("O"), now.ToString("O"),
                $"Offering {offering.Id} takes subscriptions until {offering.Terms.ClosesAt:O}; wait until then or close it early.") { Subject = offering.Id };
        }

        if (security.Status == SecurityStatus.Redeemed)
        {
            return RedeemedFailure(security.Id);
        }

        return security.Status == SecurityStatus.Paused
            ? new Failure(Reasons.Reasons.SecurityPaused, "pause", null, "paused", $"Unpause security {security.Id} before closing offering {offering.Id}.")
            : null;
    }

    /// <summary>
    /// Allocates among the subscribers not yet found ineligible and tries their issuances, dropping
    /// every subscriber whose issuance fails and allocating again, until a round passes. Returns the
    /// lots per identity id, or null after <see cref="MaxAllocationRounds"/> rounds that all failed.
    /// </summary>
    private Dictionary<string, Int128>? Allocate(Offering offering, SecurityState security, List<Subscription> queue,
        Dictionary<string, string> ineligible, DateTimeOffset now)
    {
        var terms = offering.Terms;
        var lot = terms.LotSize.Units;
        for (var round = 0; round < MaxAllocationRounds; round++)
        {
            var candidates = new List<Subscription>(queue.Count);
            var requests = new List<AllocationRequest>(queue.Count);
            foreach (var subscription in queue)
            {
                if (!ineligible.ContainsKey(subscription.IdentityId))
                {
                    candidates.Add(subscription);
                    requests.Add(new AllocationRequest(subscription.IdentityId, subscription.Quantity.Units / lot, subscription.Priority));
                }
            }

            var shares = OfferingMath.Allocate(requests, terms.Cap.Units / lot, terms.MinPerInvestor.Units / lot);
            if (TryIssuances(security, candidates, shares, lot, ineligible, now))
            {
                var lots = new Dictionary<string, Int128>(candidates.Count, StringComparer.Ordinal);
                for (var i = 0; i < candidates.Count; i++)
                {
                    lots[candidates[i].IdentityId] = shares[i];
                }

                return lots;
            }
        }

        return null;
    }

    /// <summary>
    /// Applies each allocation as an issuance in queue order, each judged by every rule against the
    /// state the ones before it left, then rolls all of them back. Records the first reason code of
    /// every issuance that fails, and returns true when none failed.
    /// </summary>
    private bool TryIssuances(SecurityState security, List<Subscription> candidates, Int128[] shares, Int128 lot,
        Dictionary<string, string> ineligible, DateTimeOffset now)
    {
        var failedBefore = ineligible.Count;
        var undo = new MovementUndo(this);
        var failures = new List<Failure>();
        try
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (shares[i] == 0)
                {
                    continue;
                }

                var subscription = candidates[i];
                var amount = new Amount(shares[i] * lot);
                failures.Clear();
                CollectIssuanceFailures(security, State.Accounts[subscription.AccountId], amount, now, failures);
                if (failures.Count > 0)
                {
                    ineligible[subscription.IdentityId] = failures[0].Code.Name;
                    continue;
                }

                undo.CaptureIssuance(security.Id, subscription.AccountId);
                Commit(new Issued(security.Id, subscription.AccountId, amount.Units, now), now);
            }
        }
        finally
        {
            undo.Rollback();
        }

        return ineligible.Count == failedBefore;
    }

    /// <summary>
    /// The close's events: the totals, one issuance per allocated subscriber in queue order, and every
    /// subscriber's outcome in identity id order, chunked.
    /// </summary>
    private static List<RegisterEvent> CloseEvents(CloseOffering command, Offering offering, List<Subscription> queue, Dictionary<string, Int128> lots,
        Dictionary<string, string> ineligible, OfferingStatus status, int decimals, DateTimeOffset now)
    {
        var terms = offering.Terms;
        var allocations = new OfferingAllocation[queue.Count];
        var issued = new List<RegisterEvent>();
        Int128 allocatedTotal = 0, raised = 0, refunded = 0;
        for (var i = 0; i < queue.Count; i++)
        {
            var subscription = queue[i];
            var allocation = OutcomeOf(subscription, terms, lots, ineligible, status, decimals);
            allocations[i] = allocation;
            allocatedTotal += allocation.Allocated;
            raised += allocation.Paid;
            refunded += allocation.Refund;
            if (allocation.Allocated > 0)
            {
                issued.Add(new Issued(terms.SecurityId, subscription.AccountId, allocation.Allocated, now));
            }
        }

        Array.Sort(allocations, static (a, b) => string.CompareOrdinal(a.IdentityId, b.IdentityId));
        var events = new List<RegisterEvent>(2 + issued.Count + (allocations.Length / OfferingAllocationsRecorded.MaxAllocations))
        {
            new OfferingClosed(offering.Id, terms.SecurityId, status, now < terms.ClosesAt, allocatedTotal, raised, refunded, queue.Count, command.Actor.Id),
        };
        events.AddRange(issued);
        for (var start = 0; start < allocations.Length; start += OfferingAllocationsRecorded.MaxAllocations)
        {
            var count = Math.Min(OfferingAllocationsRecorded.MaxAllocations, allocations.Length - start);
            events.Add(new OfferingAllocationsRecorded(offering.Id, terms.SecurityId, new ArraySegment<OfferingAllocation>(allocations, start, count)));
        }

        return events;
    }

    private static OfferingAllocation OutcomeOf(Subscription subscription, OfferingTerms terms, Dictionary<string, Int128> lots,
        Dictionary<string, string> ineligible, OfferingStatus status, int decimals)
    {
        var refundAll = new OfferingAllocation(subscription.IdentityId, subscription.AccountId, subscription.Quantity.Units, 0, 0,
            subscription.Cash.Units, AllocationOutcome.BelowMinimum, string.Empty);
        if (ineligible.TryGetValue(subscription.IdentityId, out var reason))
        {
            return refundAll with { Outcome = AllocationOutcome.Ineligible, Reason = reason };
        }

        if (status == OfferingStatus.Refunded)
        {
            return refundAll with { Outcome = AllocationOutcome.MinimumRaiseNotMet };
        }

        var units = lots[subscription.IdentityId] * terms.LotSize.Units;
        if (units == 0)
        {
            return refundAll;
        }

        var paid = CostOf(terms, new Amount(units), decimals);
        return refundAll with
        {
            Allocated = units,
            Paid = paid.Units,
            Refund = subscription.Cash.Minus(paid).Units,
            Outcome = AllocationOutcome.Allocated,
        };
    }
}
