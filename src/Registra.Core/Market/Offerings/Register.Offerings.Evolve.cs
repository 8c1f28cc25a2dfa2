using Registra.Amounts;
using Registra.Cash;
using Registra.Events;
using Registra.Market.Offerings;

namespace Registra.Register;

public sealed partial class Register
{
    private void EvolveOffering(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case OfferingOpened e:
                State.Market.Offerings.Add(e.OfferingId, new Offering(e.ToTerms(), e.OpenedBy, at));
                break;
            case SubscriptionPlaced e:
                var placed = State.Market.Offerings[e.OfferingId];
                MoveToEscrow(placed, e.IdentityId, new Amount(e.Cash));
                placed.Subscribed = placed.Subscribed.Plus(new Amount(e.Quantity));
                placed.Subscriptions.Add(e.IdentityId, new Subscription(e.IdentityId, e.AccountId, new Amount(e.Quantity), new Amount(e.Cash), placed.NextPriority++));
                break;
            case SubscriptionAmended e:
                EvolveAmendment(e);
                break;
            case SubscriptionWithdrawn e:
                var withdrawn = State.Market.Offerings[e.OfferingId];
                var subscription = withdrawn.Subscriptions[e.IdentityId];
                RefundFromEscrow(withdrawn, e.IdentityId, subscription.Cash);
                withdrawn.Subscribed = withdrawn.Subscribed.Minus(subscription.Quantity);
                withdrawn.Subscriptions.Remove(e.IdentityId);
                break;
            case OfferingClosed e:
                var closed = State.Market.Offerings[e.OfferingId];
                closed.Status = e.Status;
                closed.ClosedEarly = e.Early;
                closed.EndedAt = at;
                closed.EndedBy = e.ClosedBy;
                closed.Allocated = new Amount(e.Allocated);
                closed.Raised = new Amount(e.Raised);
                closed.Refunded = new Amount(e.Refunded);
                closed.SubscriberCount = e.Subscribers;
                break;
            case OfferingAllocationsRecorded e:
                EvolveAllocations(e);
                break;
            case OfferingCancelled e:
                EvolveCancellation(e, at);
                break;
            default:
                throw new InvalidOperationException($"No state change is defined for event {registerEvent.GetType().Name}.");
        }
    }

    private void EvolveAmendment(SubscriptionAmended e)
    {
        var offering = State.Market.Offerings[e.OfferingId];
        var old = offering.Subscriptions[e.IdentityId];
        var cash = new Amount(e.Cash);
        if (cash > old.Cash)
        {
            MoveToEscrow(offering, e.IdentityId, cash.Minus(old.Cash));
        }
        else
        {
            RefundFromEscrow(offering, e.IdentityId, old.Cash.Minus(cash));
        }

        // A larger subscription goes to the back of the queue, so it cannot jump ahead by growing.
        var quantity = new Amount(e.Quantity);
        var priority = quantity > old.Quantity ? offering.NextPriority++ : old.Priority;
        offering.Subscribed = offering.Subscribed.Minus(old.Quantity).Plus(quantity);
        offering.Subscriptions[e.IdentityId] = old with { Quantity = quantity, Cash = cash, Priority = priority };
    }

    private void EvolveAllocations(OfferingAllocationsRecorded e)
    {
        var offering = State.Market.Offerings[e.OfferingId];
        var issuer = CashAccountKey.OfIssuer(State.Securities[offering.SecurityId].Definition.IssuerId, offering.Terms.Currency);
        foreach (var allocation in e.Allocations)
        {
            var subscription = offering.Subscriptions[allocation.IdentityId];
            var paid = new Amount(allocation.Paid);
            var refund = new Amount(allocation.Refund);
            offering.Escrow = offering.Escrow.Minus(paid).Minus(refund);
            offering.Subscribed = offering.Subscribed.Minus(subscription.Quantity);
            if (paid.IsPositive)
            {
                State.Cash.Credit(issuer, paid);
            }

            if (refund.IsPositive)
            {
                State.Cash.Credit(CashAccountKey.OfIdentity(allocation.IdentityId, offering.Terms.Currency), refund);
            }

            offering.Subscriptions.Remove(allocation.IdentityId);
            offering.Allocations.Add(allocation);
        }
    }

    private void EvolveCancellation(OfferingCancelled e, DateTimeOffset at)
    {
        var offering = State.Market.Offerings[e.OfferingId];
        offering.SubscriberCount = offering.Subscriptions.Count;
        foreach (var subscription in offering.Subscriptions.Values)
        {
            RefundFromEscrow(offering, subscription.IdentityId, subscription.Cash);
        }

        offering.Subscriptions.Clear();
        offering.Subscribed = Amount.Zero;
        offering.Refunded = new Amount(e.Refunded);
        offering.Status = OfferingStatus.Cancelled;
        offering.EndedAt = at;
        offering.EndedBy = e.CancelledBy;
    }

    private void MoveToEscrow(Offering offering, string identityId, Amount cash)
    {
        State.Cash.Debit(CashAccountKey.OfIdentity(identityId, offering.Terms.Currency), cash);
        offering.Escrow = offering.Escrow.Plus(cash);
    }

    private void RefundFromEscrow(Offering offering, string identityId, Amount cash)
    {
        offering.Escrow = offering.Escrow.Minus(cash);
        State.Cash.Credit(CashAccountKey.OfIdentity(identityId, offering.Terms.Currency), cash);
    }
}
