using Registra.Access;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Market.OrderBook;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    private CommandResult DecideConfigureMarket(ConfigureMarket command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Compliance, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (Identifiers.CurrencyCode.Validate(command.Currency) is { } currencyProblem)
        {
            return CommandResult.Rejected(Invalid(command.Currency, currencyProblem));
        }

        if (!command.TickSize.IsPositive || !command.LotSize.IsPositive)
        {
            return CommandResult.Rejected(Invalid($"{command.TickSize.Units}/{command.LotSize.Units}",
                "The tick size and the lot size must both be positive."));
        }

        // One lot at one tick must be a whole number of minor units, so every trade's cash amount is exact.
        var scale = Amount.Scale(security.Definition.Decimals);
        if (checked(command.LotSize.Units * command.TickSize.Units) % scale != 0)
        {
            return CommandResult.Rejected(Invalid(command.LotSize.Format(security.Definition.Decimals),
                $"Lot size times tick size must be a multiple of {scale} smallest units, so one lot at one tick costs whole minor units."));
        }

        var current = State.Market.Books.GetValueOrDefault(command.SecurityId)?.SettingsVersion ?? 0;
        if (command.ExpectedVersion is { } expected && expected != current)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.VersionMismatch, "market",
                expected.ToString(System.Globalization.CultureInfo.InvariantCulture), current.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "The market settings changed since they were read; read them again and retry."));
        }

        if (State.Market.Books.TryGetValue(command.SecurityId, out var book) && book.Bids.LevelCount + book.Asks.LevelCount > 0)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.MarketActivityOpen, "market", null,
                (book.Bids.LevelCount + book.Asks.LevelCount).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Settings change only while the book is empty.") { Subject = command.SecurityId });
        }

        return CommandResult.Of(new MarketConfigured(command.SecurityId, command.Currency.ToUpperInvariant(),
            command.TickSize.Units, command.LotSize.Units));
    }

    private CommandResult DecideCancelOrder(CancelOrder command)
    {
        if (!State.Market.Orders.TryGetValue(command.OrderId, out var order))
        {
            var id = command.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return CommandResult.Rejected(command.OrderId > 0 && command.OrderId < State.Market.NextOrderId
                ? new Failure(Reasons.Reasons.OrderNotOpen, "market", null, id, "Nothing to cancel.") { Subject = id }
                : NotFound("order", id));
        }

        return MaySend(command.Actor, State.Accounts[order.AccountId], State.Securities[order.SecurityId])
            ? CommandResult.Of(new OrderCancelled(order.Id, order.SecurityId, "cancelled"))
            : CommandResult.Rejected(Denied("transfer", $"Only the owner of account {order.AccountId} or an agent can cancel this order."));
    }

    /// <summary>
    /// Accepts an order after checking its shape and its owner's side of compliance, then matches
    /// it against the opposite side in price-time priority. Each event is committed as it is made,
    /// so every check judges the state that the previous trades left. A fill-or-kill order that
    /// does not fill completely is rolled back and rejected, so it changes nothing.
    /// </summary>
    private CommandResult ExecuteOrder(PlaceOrder command, DateTimeOffset now)
    {
        _failures.Clear();
        if (JudgeOrder(command, now, _failures, out var book, out var priceTicks) is not { } security)
        {
            return CommandResult.Rejected(_failures.ToArray());
        }

        // Rules that depend on running totals (maximum balance, holder counts, minimum holdings) can
        // stop matching part-way, which only trying the fills reveals, so a fill-or-kill order tries them.
        MatchUndo? undo = null;
        if (command.TimeInForce == TimeInForce.FillOrKill)
        {
            undo = new MatchUndo(this, book);
            undo.CaptureOwner(command.AccountId);
        }

        var events = new List<RegisterEvent>(4);
        var accepted = new OrderAccepted(State.Market.NextOrderId, command.SecurityId, command.AccountId, command.Side, command.Type,
            command.TimeInForce, priceTicks, command.Quantity.Units);
        Commit(accepted, now);
        events.Add(accepted);

        var order = State.Market.Orders[accepted.OrderId];
        Failure? stop;
        try
        {
            stop = Match(order, book, security, now, events, undo);
        }
        catch (OverflowException) when (undo is not null)
        {
            undo.Rollback(order);
            throw;
        }

        if (undo is not null && order.Remaining.IsPositive)
        {
            undo.Rollback(order);
            return CommandResult.Rejected(FillOrKillFailures(command, order, security, stop));
        }

        if (order.Remaining.IsPositive && (order.Type == OrderType.Market || order.TimeInForce != TimeInForce.GoodTillCancelled || stop is not null))
        {
            var cancelled = new OrderCancelled(order.Id, order.SecurityId, stop?.Code.Name ?? "unfilled");
            Commit(cancelled, now);
            events.Add(cancelled);
        }

        return new CommandResult(events, [], accepted.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Describes a fill-or-kill order that could fill only part of its quantity, and what stopped it when a check did.</summary>
    private static Failure[] FillOrKillFailures(PlaceOrder command, Order order, SecurityState security, Failure? stop)
    {
        var decimals = security.Definition.Decimals;
        var fillable = command.Quantity.Minus(order.Remaining);
        var unfilled = new Failure(Reasons.Reasons.FillOrKillUnfilled, "market", command.Quantity.Format(decimals), fillable.Format(decimals),
            stop is null
                ? "Order less, or send an immediate-or-cancel order to take what is there."
                : $"Matching stopped after {fillable.Format(decimals)} with {stop.Code.Name}; order less, or send an immediate-or-cancel order to take what is allowed.");
        return stop is null ? [unfilled] : [unfilled, stop];
    }

    /// <summary>Runs every acceptance check; returns the security when the order may be accepted.</summary>
    private SecurityState? JudgeOrder(PlaceOrder command, DateTimeOffset now, List<Failure> failures, out Book book, out long priceTicks)
    {
        book = null!;
        priceTicks = 0;
        if (!State.Securities.TryGetValue(command.SecurityId, out var security))
        {
            failures.Add(NotFound("security", command.SecurityId));
            return null;
        }

        if (!State.Market.Books.TryGetValue(command.SecurityId, out book!))
        {
            failures.Add(new Failure(Reasons.Reasons.MarketNotConfigured, "market", null, command.SecurityId,
                "Ask an agent to set the market settings of the security.") { Subject = command.SecurityId });
            return null;
        }

        if (!State.Accounts.TryGetValue(command.AccountId, out var account))
        {
            failures.Add(NotFound("account", command.AccountId));
            return null;
        }

        if (!MaySend(command.Actor, account, security))
        {
            failures.Add(Denied("transfer", $"The caller cannot trade for account {command.AccountId}."));
            return null;
        }

        if (CheckOrderShape(command, security, book.Settings, failures, out priceTicks) is false)
        {
            return null;
        }

        if (security.Rules.Has<IssuerApprovalRule>())
        {
            failures.Add(new Failure(Reasons.Reasons.ApprovalRequired, "issuer_approval", null, null,
                "Securities with issuer approval move only through single transfers, each queued for approval, so they cannot trade in the book."));
            return null;
        }

        if (security.Status == SecurityStatus.Paused)
        {
            failures.Add(new Failure(Reasons.Reasons.SecurityPaused, "pause", null, "paused", "Trading resumes when the issuer unpauses the security."));
            return null;
        }

        CheckAccountOpen(account, failures);
        var position = security.Positions.GetValueOrDefault(command.AccountId);
        if (position is { IsFrozen: true })
        {
            failures.Add(FrozenFailure(command.AccountId));
        }

        // A resting order adds its quantity to its level's total, so a total that would overflow is rejected now, before anything changes.
        if (book.SideOf(command.Side).Find(priceTicks) is { } level)
        {
            _ = level.Quantity.Plus(command.Quantity);
        }

        var identity = IdentityOf(account);
        if (command.Side == OrderSide.Sell)
        {
            CheckSeller(security, position, account, identity, command.Quantity, now, Amount.Zero, failures);
        }
        else
        {
            CheckBuyer(security, command.AccountId, identity, command.Quantity, now, failures);
        }

        CheckCash(command, book.Settings, security.Definition.Decimals, identity.Id, priceTicks, failures);

        if (failures.Count == 0)
        {
            CheckLiquidity(command, book, security, identity, priceTicks, now, failures);
        }

        return failures.Count == 0 ? security : null;
    }

    private static bool CheckOrderShape(PlaceOrder command, SecurityState security, MarketSettings settings, List<Failure> failures, out long priceTicks)
    {
        priceTicks = 0;
        var decimals = security.Definition.Decimals;
        if (!command.Quantity.IsPositive)
        {
            failures.Add(new Failure(Reasons.Reasons.InvalidAmount, "quantity", null, command.Quantity.Format(decimals), "Order a positive quantity."));
            return false;
        }

        if (command.Quantity.Units % settings.LotSize.Units != 0)
        {
            failures.Add(new Failure(Reasons.Reasons.QuantityOffLot, "lot_size", settings.LotSize.Format(decimals), command.Quantity.Format(decimals),
                $"Order a multiple of {settings.LotSize.Format(decimals)}.") { Subject = command.Quantity.Format(decimals) });
            return false;
        }

        if (command.Type == OrderType.Market)
        {
            if (command.Price is not null)
            {
                failures.Add(Invalid("price", "A market order has no price; send a limit order to set one."));
                return false;
            }

            return true;
        }

        if (command.Price is not { } price)
        {
            failures.Add(MissingPrice(settings));
            return false;
        }

        if (PriceProblem(price, settings) is { } priceFailure)
        {
            failures.Add(priceFailure);
            return false;
        }

        priceTicks = (long)(price.Units / settings.TickSize);
        return true;
    }

    /// <summary>
    /// Both sides need a cash account in the book's currency, the seller's to be paid into. A limit
    /// buy order holds its full value, so it needs that much available cash; a market buy order
    /// holds nothing and pays each trade from the cash available then.
    /// </summary>
    private void CheckCash(PlaceOrder command, MarketSettings settings, int decimals, string identityId, long priceTicks, List<Failure> failures)
    {
        // Computed for every limit order, so a value too large for 128 bits is rejected before anything changes.
        var value = Book.Notional(settings, priceTicks, command.Quantity, decimals);
        var key = CashAccountKey.OfIdentity(identityId, settings.Currency);
        if (command.Side == OrderSide.Buy && command.Type == OrderType.Limit)
        {
            if (State.Cash.CheckDebit(key, value) is { } shortfall)
            {
                failures.Add(shortfall);
            }
        }
        else if (State.Cash.Find(key) is null)
        {
            failures.Add(CashBook.MissingAccount(key));
        }
    }

    /// <summary>The seller's side of a trade: enough spendable units and every sender-side rule.</summary>
    private void CheckSeller(SecurityState security, Position? position, AccountState account, IdentityState identity, Amount quantity,
        DateTimeOffset now, Amount reserved, List<Failure> failures)
    {
        CheckBalance(security, position, account.Id, quantity, failures, unfrozenOnly: true, reserved);
        var check = _check.Reset(TransferKind.Transfer, security, quantity, now,
            position ?? new Position(account.Id, account.IdentityId), identity, toAccountId: null, receiver: null);
        EvaluateRules(check, failures);
    }

    /// <summary>The buyer's side of a trade: every receiver-side rule, as if the quantity arrived from outside the holder list.</summary>
    private void CheckBuyer(SecurityState security, string accountId, IdentityState identity, Amount quantity, DateTimeOffset now, List<Failure> failures)
    {
        var check = _check.Reset(TransferKind.Transfer, security, quantity, now, from: null, sender: null, accountId, identity);
        EvaluateRules(check, failures);
    }

    /// <summary>A fill-or-kill order needs enough eligible quantity at acceptable prices; a market order needs some.</summary>
    private void CheckLiquidity(PlaceOrder command, Book book, SecurityState security, IdentityState identity, long priceTicks,
        DateTimeOffset now, List<Failure> failures)
    {
        if (command.TimeInForce != TimeInForce.FillOrKill && command.Type != OrderType.Market)
        {
            return;
        }

        var needed = command.TimeInForce == TimeInForce.FillOrKill ? command.Quantity : new Amount(1);
        var available = Amount.Zero;
        var scratch = new List<Failure>();
        foreach (var level in book.Opposite(command.Side).Levels())
        {
            if (command.Type == OrderType.Limit && !Crosses(command.Side, priceTicks, level.PriceTicks))
            {
                break;
            }

            for (var resting = level.Head; resting is not null && available < needed; resting = resting.Next)
            {
                scratch.Clear();
                if (resting.IdentityId != identity.Id && RestingFailure(resting, security, resting.Remaining, now, scratch) is null)
                {
                    available = available.Plus(resting.Remaining);
                }
            }

            if (available >= needed)
            {
                return;
            }
        }

        var decimals = security.Definition.Decimals;
        failures.Add(command.TimeInForce == TimeInForce.FillOrKill
            ? new Failure(Reasons.Reasons.FillOrKillUnfilled, "market", command.Quantity.Format(decimals), available.Format(decimals),
                "Order less, or send an immediate-or-cancel order to take what is there.")
            : new Failure(Reasons.Reasons.NoLiquidity, "market", null, "0", "Send a limit order to rest in the book instead."));
    }

    private static bool Crosses(OrderSide side, long limitTicks, long restingTicks) =>
        side == OrderSide.Buy ? restingTicks <= limitTicks : restingTicks >= limitTicks;

    /// <summary>
    /// Matches the incoming order level by level, oldest order first. A resting order whose owner
    /// fails its own side of the checks is cancelled and matching goes on with the next one.
    /// Returns the failure that stopped matching early, or null. With <paramref name="undo"/>, each
    /// change is captured before it is committed.
    /// </summary>
    private Failure? Match(Order incoming, Book book, SecurityState security, DateTimeOffset now, List<RegisterEvent> events, MatchUndo? undo)
    {
        var opposite = book.Opposite(incoming.Side);
        var failures = _failures;
        while (incoming.Remaining.IsPositive && opposite.Best is { } level)
        {
            if (incoming.Type == OrderType.Limit && !Crosses(incoming.Side, incoming.PriceTicks, level.PriceTicks))
            {
                return null;
            }

            var resting = level.Head!;
            var fill = Amount.Min(incoming.Remaining, resting.Remaining);
            failures.Clear();
            var restingReason = resting.IdentityId == incoming.IdentityId ? "self_trade" : RestingFailure(resting, security, fill, now, failures);
            if (restingReason is not null)
            {
                undo?.CaptureResting(resting);
                var cancelled = new OrderCancelled(resting.Id, resting.SecurityId, restingReason);
                Commit(cancelled, now);
                events.Add(cancelled);
                continue;
            }

            var (buy, sell) = incoming.IsBuy ? (incoming, resting) : (resting, incoming);
            failures.Clear();
            var transfer = new Transfer(security.Id, sell.AccountId, buy.AccountId, fill) { Actor = Actor.Operator };
            CollectTransferFailures(transfer, now, _check, failures, reserved: fill);
            if (failures.Count > 0)
            {
                return failures[0];
            }

            // The buyer pays from cash its order holds, or, for a market order, from the cash available now.
            var cash = Book.Notional(book.Settings, resting.PriceTicks, fill, security.Definition.Decimals);
            if (buy.Type == OrderType.Market && State.Cash.CheckDebit(CashAccountKey.OfIdentity(buy.IdentityId, book.Settings.Currency), cash) is { } shortfall)
            {
                return shortfall;
            }

            if (undo is not null)
            {
                undo.CaptureResting(resting);
                undo.CaptureTrade();
            }

            var trade = new TradeExecuted(State.Market.NextTradeId, security.Id, buy.Id, sell.Id, resting.PriceTicks, fill.Units, cash.Units);
            Commit(trade, now);
            events.Add(trade);
        }

        return null;
    }

    /// <summary>Checks the resting order's owner alone and returns the first failure's code, or null when it may still trade.</summary>
    private string? RestingFailure(Order resting, SecurityState security, Amount fill, DateTimeOffset now, List<Failure> failures)
    {
        var account = State.Accounts[resting.AccountId];
        CheckAccountOpen(account, failures);
        var position = security.Positions.GetValueOrDefault(resting.AccountId);
        if (position is { IsFrozen: true })
        {
            failures.Add(FrozenFailure(resting.AccountId));
        }

        if (failures.Count == 0)
        {
            var identity = IdentityOf(account);
            if (resting.IsBuy)
            {
                CheckBuyer(security, resting.AccountId, identity, fill, now, failures);
            }
            else
            {
                CheckSeller(security, position, account, identity, fill, now, fill, failures);
            }
        }

        return failures.Count > 0 ? failures[0].Code.Name : null;
    }
}
