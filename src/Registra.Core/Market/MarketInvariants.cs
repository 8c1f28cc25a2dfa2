using Registra.Amounts;
using Registra.Market.OrderBook;
using Registra.Register;

namespace Registra.Market;

/// <summary>
/// The market's invariants: every position's held amount equals what its open holds, queued
/// transfers and resting sell orders reserve, and every price level's total equals its orders'.
/// </summary>
internal static class MarketInvariants
{
    public static void Check(RegisterState state, List<string> violations)
    {
        var expected = new Dictionary<(string Security, string Account), Amount>();
        foreach (var hold in state.Market.Holds.Values)
        {
            if (hold.Status == HoldStatus.Open)
            {
                Add(expected, hold.SecurityId, hold.FromAccountId, hold.Remaining);
            }
        }

        foreach (var pending in state.PendingTransfers.Values)
        {
            if (pending.Status == PendingStatus.Pending)
            {
                Add(expected, pending.SecurityId, pending.FromAccountId, pending.Amount);
            }
        }

        foreach (var order in state.Market.Orders.Values)
        {
            if (!order.IsBuy)
            {
                Add(expected, order.SecurityId, order.AccountId, order.Remaining);
            }
        }

        foreach (var security in state.Securities.Values)
        {
            foreach (var position in security.Positions.Values)
            {
                var reserved = expected.GetValueOrDefault((security.Id, position.AccountId));
                if (reserved != position.Held)
                {
                    violations.Add($"security {security.Id}, account {position.AccountId}: held {position.Held} differs from the {reserved} that holds, queued transfers and sell orders reserve");
                }
            }
        }

        foreach (var book in state.Market.Books.Values)
        {
            CheckSide(book.Bids, book.SecurityId, violations);
            CheckSide(book.Asks, book.SecurityId, violations);
        }

        CheckHeldCash(state, violations);
    }

    /// <summary>Every identity cash account holds exactly the limit value of its resting buy orders, and no more than its balance.</summary>
    private static void CheckHeldCash(RegisterState state, List<string> violations)
    {
        var expected = new Dictionary<Cash.CashAccountKey, Amount>();
        foreach (var order in state.Market.Orders.Values)
        {
            if (order.IsBuy)
            {
                var (key, value) = MarketSnapshot.HeldCashOf(state, order);
                expected[key] = expected.GetValueOrDefault(key).Plus(value);
            }
        }

        foreach (var ledger in state.Cash.Ledgers.Values)
        {
            foreach (var account in ledger.Identities.Values)
            {
                var reserved = expected.GetValueOrDefault(account.Key);
                if (reserved != account.Held || account.Held > account.Balance)
                {
                    violations.Add($"cash account {account.Key}: held {account.Held} differs from the {reserved} that buy orders reserve, or exceeds the balance {account.Balance}");
                }
            }
        }
    }

    private static void CheckSide(BookSide side, string securityId, List<string> violations)
    {
        foreach (var level in side.Levels())
        {
            var sum = Amount.Zero;
            for (var order = level.Head; order is not null; order = order.Next)
            {
                sum = sum.Plus(order.Remaining);
            }

            if (sum != level.Quantity)
            {
                violations.Add($"security {securityId}: the {side.Side} level at {level.PriceTicks} ticks totals {level.Quantity}, not the {sum} of its orders");
            }
        }
    }

    private static void Add(Dictionary<(string Security, string Account), Amount> expected, string securityId, string accountId, Amount amount) =>
        expected[(securityId, accountId)] = expected.GetValueOrDefault((securityId, accountId)).Plus(amount);
}
