using Registra.Amounts;
using Registra.Identifiers;
using Registra.Market.Offerings;

namespace Registra.Api.Features.Market;

/// <summary>Formats an offering's quantities in the security's units and its money in the currency, as decimal strings.</summary>
internal readonly record struct OfferingFormat(int Decimals, int MinorUnits)
{
    public static OfferingFormat Of(Registra.Register.Register register, Offering offering) =>
        new(register.State.Securities[offering.SecurityId].Definition.Decimals, CurrencyCode.Parse(offering.Terms.Currency).MinorUnits ?? 0);

    public string Quantity(Amount units) => units.Format(Decimals);

    public string Money(Amount minorUnits) => minorUnits.Format(MinorUnits);

    public OfferingView View(Offering offering, bool showTotals)
    {
        var terms = offering.Terms;
        var open = offering.Status == OfferingStatus.Open;
        var view = new OfferingView(offering.Id, offering.SecurityId, Registra.Register.Register.StatusName(offering.Status), terms.Currency,
            Money(terms.Price), Quantity(terms.LotSize), Quantity(terms.MinPerInvestor), Quantity(terms.MaxPerInvestor), Quantity(terms.Cap),
            terms.MinimumRaise is { } raise ? Money(raise) : null, terms.OpensAt, terms.ClosesAt, EndedAt: offering.EndedAt,
            ClosedEarly: open ? null : offering.ClosedEarly);
        if (!showTotals)
        {
            return view;
        }

        return view with
        {
            Subscribers = open ? offering.Subscriptions.Count : offering.SubscriberCount,
            Subscribed = Quantity(offering.Subscribed),
            Escrow = Money(offering.Escrow),
            Allocated = open ? null : Quantity(offering.Allocated),
            Raised = open ? null : Money(offering.Raised),
            Refunded = open ? null : Money(offering.Refunded),
        };
    }

    public SubscriptionView Subscription(string offeringId, Subscription subscription) =>
        new(offeringId, subscription.IdentityId, subscription.AccountId, Quantity(subscription.Quantity), Money(subscription.Cash), subscription.Priority);

    public AllocationView Allocation(OfferingAllocation allocation) =>
        new(allocation.IdentityId, allocation.AccountId, Quantity(new Amount(allocation.Requested)), Quantity(new Amount(allocation.Allocated)),
            Money(new Amount(allocation.Paid)), Money(new Amount(allocation.Refund)), allocation.Outcome, allocation.Reason.Length == 0 ? null : allocation.Reason);
}
