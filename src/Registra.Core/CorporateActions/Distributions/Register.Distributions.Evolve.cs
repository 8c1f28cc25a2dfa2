using Registra.Amounts;
using Registra.Cash;
using Registra.CorporateActions.Distributions;
using Registra.Events;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    private void EvolveDistribution(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case DistributionAnnounced e:
                var issuerId = State.Securities[e.SecurityId].Definition.IssuerId;
                State.Distributions.Add(e.DistributionId, new DistributionState(e.ToTerms(), issuerId, at));
                break;
            case DistributionPaid e:
                EvolvePaid(e, at);
                break;
            case DistributionPayoutsRecorded e:
                EvolvePayouts(e);
                break;
            case DistributionClaimed e:
                EvolveClaimed(e);
                break;
            case DistributionReclaimed e:
                EvolveReclaimed(e);
                break;
            case DistributionCancelled e:
                State.Distributions[e.DistributionId].Status = DistributionStatus.Cancelled;
                break;
            case SecurityRedeemedAtMaturity e:
                State.Securities[e.SecurityId].Status = SecurityStatus.Redeemed;
                break;
            default:
                throw new InvalidOperationException($"No state change is defined for event {registerEvent.GetType().Name}.");
        }
    }

    private void EvolvePaid(DistributionPaid e, DateTimeOffset at)
    {
        var distribution = State.Distributions[e.DistributionId];
        var currency = distribution.Terms.Currency;
        distribution.Status = DistributionStatus.Paid;
        distribution.PaidAt = at;
        distribution.EligibleUnits = new Amount(e.EligibleUnits);
        distribution.Gross = new Amount(e.Gross);
        distribution.Withheld = new Amount(e.Withheld);
        distribution.NetPaid = new Amount(e.NetPaid);
        distribution.UnclaimedAtPayment = new Amount(e.Unclaimed);
        distribution.Unclaimed = new Amount(e.Unclaimed);
        distribution.Payouts.Capacity = e.HolderCount;

        State.Cash.Debit(CashAccountKey.OfIssuer(distribution.IssuerId, currency), distribution.Gross);
        if (distribution.Withheld.IsPositive)
        {
            // The tax account opens on the first payment that withholds anything.
            var tax = CashAccountKey.OfIssuerTax(distribution.IssuerId, currency);
            State.Cash.GetOrOpen(tax, at);
            State.Cash.Credit(tax, distribution.Withheld);
        }
    }

    private void EvolvePayouts(DistributionPayoutsRecorded e)
    {
        var distribution = State.Distributions[e.DistributionId];
        var accounts = State.Cash.Ledgers.GetValueOrDefault(distribution.Terms.Currency)?.Identities;
        var payouts = e.Payouts;
        for (var i = 0; i < payouts.Count; i++)
        {
            var payout = payouts[i];
            distribution.Payouts.Add(payout);
            if (payout.Status == PayoutStatus.Paid)
            {
                var account = accounts![payout.IdentityId];
                account.Balance = account.Balance.Plus(new Amount(payout.Net));
            }
        }
    }

    private void EvolveClaimed(DistributionClaimed e)
    {
        var distribution = State.Distributions[e.DistributionId];
        var index = distribution.IndexOf(e.IdentityId);
        distribution.Payouts[index] = distribution.Payouts[index] with { Status = PayoutStatus.Claimed };
        var net = new Amount(e.Net);
        distribution.Unclaimed = distribution.Unclaimed.Minus(net);
        distribution.Claimed = distribution.Claimed.Plus(net);
        State.Cash.Credit(CashAccountKey.OfIdentity(e.IdentityId, distribution.Terms.Currency), net);
    }

    private void EvolveReclaimed(DistributionReclaimed e)
    {
        var distribution = State.Distributions[e.DistributionId];
        var payouts = distribution.Payouts;
        for (var i = 0; i < payouts.Count; i++)
        {
            if (payouts[i].Status == PayoutStatus.Unclaimed)
            {
                payouts[i] = payouts[i] with { Status = PayoutStatus.Reclaimed };
            }
        }

        var amount = new Amount(e.Amount);
        distribution.Unclaimed = distribution.Unclaimed.Minus(amount);
        distribution.Reclaimed = distribution.Reclaimed.Plus(amount);
        State.Cash.Credit(CashAccountKey.OfIssuer(distribution.IssuerId, distribution.Terms.Currency), amount);
    }
}
