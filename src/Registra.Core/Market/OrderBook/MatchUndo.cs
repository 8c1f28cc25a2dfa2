using Registra.Amounts;
using Registra.Cash;
using Registra.Market.OrderBook;

namespace Registra.Register;

/// <summary>
/// Records what accepting and matching one order changes, before each change, so that a
/// fill-or-kill order that cannot fill completely leaves the register exactly as it was:
/// positions, holders and counters (through <see cref="MovementUndo"/>), cash balances and
/// held cash, the resting orders matched or cancelled with their place in the book, the book's
/// recent trades and the id counters.
/// </summary>
/// <remarks>
/// Matching takes resting orders only from the front of the best level, so putting the orders
/// it removed back at the front of their levels, last removed first, restores time priority.
/// </remarks>
internal sealed class MatchUndo
{
    private readonly RegisterState _state;
    private readonly Book _book;
    private readonly MovementUndo _units;
    private readonly long _nextOrderId;
    private readonly long _nextTradeId;
    private readonly Dictionary<CashAccountKey, (Amount Balance, Amount Held)> _cash = [];
    private readonly List<(Order Order, Amount Remaining)> _resting = [];
    private readonly HashSet<long> _restingIds = [];
    private TradeRecord[]? _recentTrades;

    public MatchUndo(Register register, Book book)
    {
        _state = register.State;
        _book = book;
        _units = new MovementUndo(register);
        _nextOrderId = _state.Market.NextOrderId;
        _nextTradeId = _state.Market.NextTradeId;
    }

    /// <summary>Captures what accepting an order of the account changes: its position and its cash.</summary>
    public void CaptureOwner(string accountId)
    {
        _units.Capture(_book.SecurityId, accountId, accountId);
        CaptureCash(_state.Accounts[accountId].IdentityId);
    }

    /// <summary>Captures a resting order before it trades or is cancelled, with its owner.</summary>
    public void CaptureResting(Order resting)
    {
        if (_restingIds.Add(resting.Id))
        {
            _resting.Add((resting, resting.Remaining));
        }

        CaptureOwner(resting.AccountId);
    }

    /// <summary>Captures what a trade changes beyond its two orders' owners: the book's recent trades.</summary>
    public void CaptureTrade() => _recentTrades ??= [.. _book.RecentTrades];

    /// <summary>Puts everything captured back and removes the incoming order, which was never resting.</summary>
    public void Rollback(Order incoming)
    {
        _units.Rollback();
        foreach (var (key, (balance, held)) in _cash)
        {
            var account = _state.Cash.Find(key)!;
            account.Balance = balance;
            account.Held = held;
        }

        _state.Market.Orders.Remove(incoming.Id);
        for (var i = _resting.Count - 1; i >= 0; i--)
        {
            RestoreResting(_resting[i].Order, _resting[i].Remaining);
        }

        if (_recentTrades is not null)
        {
            _book.RecentTrades.Clear();
            foreach (var trade in _recentTrades)
            {
                _book.RecentTrades.Enqueue(trade);
            }
        }

        _state.Market.NextOrderId = _nextOrderId;
        _state.Market.NextTradeId = _nextTradeId;
    }

    private void CaptureCash(string identityId)
    {
        var key = CashAccountKey.OfIdentity(identityId, _book.Settings.Currency);
        if (!_cash.ContainsKey(key) && _state.Cash.Find(key) is { } account)
        {
            _cash.Add(key, (account.Balance, account.Held));
        }
    }

    private void RestoreResting(Order order, Amount remaining)
    {
        if (order.Level is { } level)
        {
            // Still resting after a partial fill: its level's total grows back with it.
            level.Quantity = level.Quantity.Plus(remaining.Minus(order.Remaining));
            order.Remaining = remaining;
            return;
        }

        order.Remaining = remaining;
        _state.Market.Orders.Add(order.Id, order);
        _book.SideOf(order.Side).Restore(order);
    }
}
