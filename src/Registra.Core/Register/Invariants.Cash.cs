using Registra.Amounts;
using Registra.CorporateActions.Distributions;

namespace Registra.Register;

public static partial class Invariants
{
    /// <summary>
    /// No cash account is negative, and in each currency the accounts plus the amounts distributions
    /// still hold for unclaimed holders and offerings hold in escrow equal the deposits less the withdrawals.
    /// </summary>
    private static void CheckCash(RegisterState state, List<string> violations)
    {
        var held = new Dictionary<string, Amount>(StringComparer.Ordinal);
        foreach (var distribution in state.Distributions.Values)
        {
            held[distribution.Terms.Currency] = held.GetValueOrDefault(distribution.Terms.Currency).Plus(distribution.Unclaimed);
        }

        foreach (var offering in state.Market.Offerings.Values)
        {
            held[offering.Terms.Currency] = held.GetValueOrDefault(offering.Terms.Currency).Plus(offering.Escrow);
        }

        foreach (var ledger in state.Cash.Ledgers.Values)
        {
            var sum = held.GetValueOrDefault(ledger.Currency);
            foreach (var account in ledger.All)
            {
                sum = sum.Plus(account.Balance);
                if (account.Balance.IsNegative)
                {
                    violations.Add($"cash account {account.Key}: negative balance {account.Balance}");
                }
            }

            var expected = ledger.Deposited.Minus(ledger.Withdrawn);
            if (sum != expected)
            {
                violations.Add($"cash ledger {ledger.Currency}: accounts and held amounts sum to {sum}, not deposits less withdrawals {expected}");
            }
        }
    }

    /// <summary>A paid distribution's payouts add up to its totals, and every payout's net and withheld add up to its gross.</summary>
    private static void CheckDistributions(RegisterState state, List<string> violations)
    {
        foreach (var distribution in state.Distributions.Values)
        {
            if (distribution.Status != DistributionStatus.Paid)
            {
                continue;
            }

            Int128 gross = 0, withheld = 0, held = 0;
            foreach (var payout in distribution.Payouts)
            {
                gross += payout.Gross;
                withheld += payout.Withheld;
                held += payout.Status == PayoutStatus.Unclaimed ? payout.Net : 0;
                if (payout.Withheld < 0 || payout.Withheld > payout.Gross)
                {
                    violations.Add($"distribution {distribution.Id}, identity {payout.IdentityId}: withheld {payout.Withheld} is outside 0..{payout.Gross}");
                }
            }

            var where = $"distribution {distribution.Id}";
            if (gross != distribution.Gross.Units)
            {
                violations.Add($"{where}: payouts sum to {gross}, not the gross {distribution.Gross}");
            }

            if (withheld != distribution.Withheld.Units)
            {
                violations.Add($"{where}: withheld amounts sum to {withheld}, not {distribution.Withheld}");
            }

            if (held != distribution.Unclaimed.Units)
            {
                violations.Add($"{where}: unclaimed payouts sum to {held}, not the held {distribution.Unclaimed}");
            }

            var accounted = distribution.NetPaid.Plus(distribution.Withheld).Plus(distribution.UnclaimedAtPayment);
            if (accounted != distribution.Gross)
            {
                violations.Add($"{where}: net paid, withheld and unclaimed add up to {accounted}, not the gross {distribution.Gross}");
            }
        }
    }
}
