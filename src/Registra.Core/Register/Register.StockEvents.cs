using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.CorporateActions.StockEvents;
using Registra.Events;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

/// <summary>
/// Splits, reverse splits and stock dividends. Both act at the ledger timestamp of their command,
/// so balances read at a record instant R include a split stamped at R, as they include every
/// event with timestamp &lt;= R. A stock dividend reads balances at a record instant strictly
/// before its own timestamp.
/// </summary>
public sealed partial class Register
{
    private CommandResult DecideSplit(SplitSecurity command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Actions, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (command.Numerator <= 0 || command.Denominator <= 0 || command.Numerator == command.Denominator)
        {
            return CommandResult.Rejected(Invalid($"{command.Numerator}:{command.Denominator}",
                "A split ratio needs two positive integers that differ, such as 7:1 or 1:2."));
        }

        if (CheckPrice(command.CashInLieu) is { } priceFailure)
        {
            return CommandResult.Rejected(priceFailure);
        }

        // Holds, orders and offerings are amounts and prices in the old units, so they must end first; queued transfers scale below.
        if (HasOpenHoldsOrOrders(security.Id))
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.MarketActivityOpen, "split", null, security.Id,
                "Holds, resting orders or offerings are open on the security; release the holds, cancel the orders and close or cancel the offerings first.") { Subject = security.Id });
        }

        // The largest balance is at most the supply, so this throws when any scaled balance would overflow.
        _ = checked(security.Supply.Units * command.Numerator);
        _ = checked((security.SupplyCap?.Units ?? 0) * command.Numerator);

        var fractions = SplitFractions(security, command.Numerator, command.Denominator, command.CashInLieu);
        if (fractions.Count > 0 && command.CashInLieu is null)
        {
            return CommandResult.Rejected(PriceRequired(fractions.Count));
        }

        var events = new List<RegisterEvent>();

        // Queued transfers that the split shrinks below one smallest unit are denied before it.
        foreach (var pending in QueuedTransfersOf(security.Id))
        {
            if (Scale(pending.Amount, command.Numerator, command.Denominator).IsZero)
            {
                events.Add(new TransferDenied(pending.Id, command.Actor.Id, "The split left less than one smallest unit to transfer."));
            }
        }

        var splitId = NextStockEventId(StockEventKind.Split);
        var (cashInLieu, unfunded) = PayCashInLieu(splitId, security, command.CashInLieu, fractions);
        if (unfunded is not null)
        {
            return CommandResult.Rejected(unfunded);
        }

        events.Add(new StockSplit(splitId, security.Id, command.Numerator, command.Denominator, command.CashInLieu, fractions));
        if (cashInLieu is not null)
        {
            events.Add(cashInLieu);
        }

        if (ScaleRules(security, command.Numerator, command.Denominator) is { } rules)
        {
            events.Add(new RulesSet(security.Id, security.Rules.Version + 1, RuleSet.ToJson(rules)));
        }

        return new CommandResult(events, [], splitId);
    }

    private CommandResult DecideStockDividend(DeclareStockDividend command, DateTimeOffset now)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Actions, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (command.Numerator <= 0 || command.Denominator <= 0)
        {
            return CommandResult.Rejected(Invalid($"{command.Numerator}:{command.Denominator}",
                "A stock dividend ratio needs two positive integers: new units per units held, such as 1:10."));
        }

        if (command.RecordAt >= now)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.AtTimeInFuture, "recordAt", now.ToString("O"), command.RecordAt.ToString("O"),
                $"The record instant must be before the ledger time of the dividend, {now:O}; pay the dividend after it.") { Subject = command.RecordAt.ToString("O") });
        }

        if (CheckPrice(command.CashInLieu) is { } priceFailure)
        {
            return CommandResult.Rejected(priceFailure);
        }

        if (security.SupplyHistory.At(command.RecordAt).IsZero)
        {
            return CommandResult.Rejected(Invalid(command.RecordAt.ToString("O"),
                $"No units of {security.Id} were held at the record instant, so the dividend has no eligible supply; choose a later record instant."));
        }

        var credits = DividendCredits(security, command);
        var unpriced = credits.Count(entry => entry.Fraction > 0);
        if (unpriced > 0 && command.CashInLieu is null)
        {
            return CommandResult.Rejected(PriceRequired(unpriced));
        }

        var issued = credits.Aggregate(Amount.Zero, (sum, entry) => sum.Plus(new Amount(entry.Units)));
        if (security.SupplyCap is { } cap && security.Supply.Plus(issued) > cap)
        {
            var decimals = security.Definition.Decimals;
            return CommandResult.Rejected(new Failure(Reasons.Reasons.SupplyCapExceeded, "supply_cap", cap.Format(decimals),
                security.Supply.Plus(issued).Format(decimals), $"The dividend would issue {issued.Format(decimals)}; lower the ratio or raise the cap first."));
        }

        var dividendId = NextStockEventId(StockEventKind.StockDividend);
        var (cashInLieu, unfunded) = PayCashInLieu(dividendId, security, command.CashInLieu, credits);
        if (unfunded is not null)
        {
            return CommandResult.Rejected(unfunded);
        }

        List<RegisterEvent> events = [new StockDividendIssued(dividendId, security.Id, command.Numerator, command.Denominator, command.RecordAt,
            command.CashInLieu, credits)];
        if (cashInLieu is not null)
        {
            events.Add(cashInLieu);
        }

        return new CommandResult(events, [], dividendId);
    }

    /// <summary>
    /// Builds the payment of the cash in lieu that the entries list, summed per identity, from the
    /// issuer's operating account in the price's currency. Returns a failure, and no payment, when
    /// that account is missing or holds too little.
    /// </summary>
    private (Cash.CashInLieuPaid? Payment, Failure? Failure) PayCashInLieu(string stockEventId, SecurityState security, CashInLieuPrice? price,
        IReadOnlyList<StockEntry> entries)
    {
        if (price is null)
        {
            return (null, null);
        }

        var byIdentity = new SortedDictionary<string, Int128>(StringComparer.Ordinal);
        var total = Int128.Zero;
        foreach (var entry in entries)
        {
            if (entry.Cash <= 0)
            {
                continue;
            }

            var identityId = State.Accounts[entry.AccountId].IdentityId;
            byIdentity[identityId] = checked(byIdentity.GetValueOrDefault(identityId) + entry.Cash);
            total = checked(total + entry.Cash);
        }

        if (byIdentity.Count == 0)
        {
            return (null, null);
        }

        var issuerAccount = Cash.CashAccountKey.OfIssuer(security.Definition.IssuerId, price.Currency);
        if (State.Cash.CheckDebit(issuerAccount, new Amount(total)) is { } failure)
        {
            return (null, failure);
        }

        var payments = byIdentity.Select(pair => new Cash.CashInLieuPayment(pair.Key, pair.Value)).ToList();
        return (new Cash.CashInLieuPaid(stockEventId, security.Definition.IssuerId, price.Currency, payments), null);
    }

    /// <summary>Lists the accounts that a split leaves with a fraction of the smallest unit, ordered by account id.</summary>
    private static List<StockEntry> SplitFractions(SecurityState security, long numerator, long denominator, CashInLieuPrice? price)
    {
        var fractions = new List<StockEntry>();
        foreach (var position in security.Positions.Values.OrderBy(p => p.AccountId, StringComparer.Ordinal))
        {
            var remainder = checked(position.Balance.Units * numerator) % denominator;
            if (remainder != 0)
            {
                var cash = price?.CashFor(remainder, denominator, security.Definition.Decimals) ?? 0;
                fractions.Add(new StockEntry(position.AccountId, 0, remainder, cash));
            }
        }

        return fractions;
    }

    /// <summary>
    /// Computes each holder's new units from its balance at the record instant, ordered by that
    /// account's id. Units of an account closed by a recovery go to the account that replaced it.
    /// </summary>
    private List<StockEntry> DividendCredits(SecurityState security, DeclareStockDividend command)
    {
        var credits = new List<StockEntry>();
        foreach (var position in security.Positions.Values.OrderBy(p => p.AccountId, StringComparer.Ordinal))
        {
            var atRecord = position.History.At(command.RecordAt);
            if (atRecord.IsZero)
            {
                continue;
            }

            var scaled = checked(atRecord.Units * command.Numerator);
            var remainder = scaled % command.Denominator;
            var cash = remainder == 0 ? 0 : command.CashInLieu?.CashFor(remainder, command.Denominator, security.Definition.Decimals) ?? 0;
            credits.Add(new StockEntry(OpenAccountOf(position.AccountId), scaled / command.Denominator, remainder, cash));
        }

        return credits;
    }

    private string OpenAccountOf(string accountId)
    {
        while (State.Accounts[accountId].RecoveredTo is { } next)
        {
            accountId = next;
        }

        return accountId;
    }

    private IEnumerable<PendingTransfer> QueuedTransfersOf(string securityId) =>
        State.PendingTransfers.Values
            .Where(pending => pending.SecurityId == securityId && pending.Status == PendingStatus.Pending)
            .OrderBy(pending => pending.Id, StringComparer.Ordinal);

    private static Failure? CheckPrice(CashInLieuPrice? price) =>
        price?.Validate() is { } error
            ? Invalid($"{price.MinorUnitsPerUnit} {price.Currency}", $"The cash-in-lieu price is invalid: {error}.")
            : null;

    private static Failure PriceRequired(int accounts) =>
        new(Reasons.Reasons.CashInLieuPriceRequired, "cash_in_lieu", null, accounts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{accounts} account(s) would be left with a fraction of a unit; give cashInLieu with a price per unit and a currency.");

    /// <summary>Returns the next id of a kind: "split-000001" or "sdiv-000001", numbered per kind in ledger order.</summary>
    private string NextStockEventId(StockEventKind kind)
    {
        var count = 0;
        foreach (var record in State.StockEvents.Values)
        {
            count += record.Kind == kind ? 1 : 0;
        }

        return $"{(kind == StockEventKind.Split ? "split" : "sdiv")}-{count + 1:D6}";
    }

    /// <summary>
    /// Returns the rules with every limit in units scaled by the split, or null when no rule has one.
    /// Percentages and holder counts do not change. A positive limit stays at least one smallest unit.
    /// </summary>
    private static List<Rule>? ScaleRules(SecurityState security, long numerator, long denominator)
    {
        var decimals = security.Definition.Decimals;
        string? ScaleLimit(string? text) => text is null ? null : ScaleLimitText(text, numerator, denominator, decimals);

        var scaled = new List<Rule>(security.Rules.Rules.Count);
        var changed = false;
        foreach (var rule in security.Rules.Rules)
        {
            Rule next = rule switch
            {
                MaxBalanceRule r when r.Max is not null => r with { Max = ScaleLimit(r.Max) },
                MinHoldingRule r => r with { Min = ScaleLimit(r.Min), Lot = ScaleLimit(r.Lot) },
                VolumeLimitRule r => r with { Max = ScaleLimit(r.Max)! },
                _ => rule,
            };
            changed |= !ReferenceEquals(next, rule);
            scaled.Add(next);
        }

        return changed ? scaled : null;
    }

    private static string ScaleLimitText(string text, long numerator, long denominator, int decimals)
    {
        var limit = Amount.Parse(text, decimals).Amount;
        var scaled = checked(limit.Units * numerator) / denominator;
        return new Amount(limit.IsPositive && scaled == 0 ? 1 : scaled).Format(decimals);
    }

    private static Amount Scale(Amount amount, long numerator, long denominator) =>
        new(checked(amount.Units * numerator) / denominator);

    private void EvolveStockSplit(StockSplit e, DateTimeOffset at)
    {
        ScalePositions(State.Securities[e.SecurityId], e.Numerator, e.Denominator, at);
        State.StockEvents.Add(e.SplitId, new StockEventRecord(e.SplitId, e.SecurityId, StockEventKind.Split, e.Numerator, e.Denominator,
            at, null, e.CashInLieu, e.Fractions));

        // The cash in lieu the event lists is paid by the CashInLieuPaid event that follows it.
    }

    /// <summary>Applies a split recorded before splits listed their fractions: fractions were dropped without cash.</summary>
    private void EvolveSplit(SecuritySplit e, DateTimeOffset at)
    {
        ScalePositions(State.Securities[e.SecurityId], e.Numerator, e.Denominator, at);
        var id = NextStockEventId(StockEventKind.Split);
        State.StockEvents.Add(id, new StockEventRecord(id, e.SecurityId, StockEventKind.Split, e.Numerator, e.Denominator, at, null, null, []));
    }

    /// <summary>
    /// Scales balances, frozen amounts, lots, queued transfers (and the units they hold), recent
    /// outflows and the supply cap. A split is rejected while holds or orders are open, so queued
    /// transfers are the only holders of units left to scale.
    /// </summary>
    private void ScalePositions(SecurityState security, long numerator, long denominator, DateTimeOffset at)
    {
        var supply = Amount.Zero;
        foreach (var position in security.Positions.Values)
        {
            if (position.Balance.IsZero)
            {
                continue;
            }

            var balance = Scale(position.Balance, numerator, denominator);
            position.Frozen = Amount.Min(Scale(position.Frozen, numerator, denominator), balance);
            position.Lots = ScaleLots(position.Lots, numerator, denominator, balance);
            ChangeBalance(security, position, balance.Minus(position.Balance), at);
            supply = supply.Plus(balance);
        }

        security.Supply = supply;
        security.SupplyHistory.Record(at, supply);
        if (security.SupplyCap is { } cap)
        {
            security.SupplyCap = Scale(cap, numerator, denominator);
        }

        foreach (var position in security.Positions.Values)
        {
            position.Held = Amount.Zero;
        }

        foreach (var pending in QueuedTransfersOf(security.Id))
        {
            pending.Amount = Scale(pending.Amount, numerator, denominator);
            var held = security.Positions[pending.FromAccountId];
            held.Held = held.Held.Plus(pending.Amount);
        }

        foreach (var outflows in security.Outflows.Values)
        {
            var count = outflows.Count;
            for (var i = 0; i < count; i++)
            {
                var (when, amount) = outflows.Dequeue();
                outflows.Enqueue((when, Scale(amount, numerator, denominator)));
            }
        }
    }

    /// <summary>Scales lots rounding down, then gives the rounding difference to the newest lot so lots sum to the balance.</summary>
    private static List<Lot> ScaleLots(List<Lot> lots, long numerator, long denominator, Amount balance)
    {
        var scaled = new List<Lot>(lots.Count);
        var total = Amount.Zero;
        foreach (var lot in lots)
        {
            var amount = Scale(lot.Amount, numerator, denominator);
            scaled.Add(lot with { Amount = amount });
            total = total.Plus(amount);
        }

        if (scaled.Count > 0 && total != balance)
        {
            var last = scaled[^1];
            scaled[^1] = last with { Amount = last.Amount.Plus(balance.Minus(total)) };
        }

        scaled.RemoveAll(lot => lot.Amount.IsZero);
        return scaled;
    }

    private void EvolveStockDividend(StockDividendIssued e, DateTimeOffset at)
    {
        var security = State.Securities[e.SecurityId];
        var issued = Amount.Zero;
        foreach (var credit in e.Credits)
        {
            if (credit.Units == 0)
            {
                continue;
            }

            var units = new Amount(credit.Units);
            var position = GetOrCreatePosition(security, credit.AccountId);
            ChangeBalance(security, position, units, at);

            // NOTE: the new units start a lot acquired now, so their holding period does not tack on to the shares they were paid on.
            AddLot(position, new Lot(units, at));
            issued = issued.Plus(units);
        }

        security.Supply = security.Supply.Plus(issued);
        security.SupplyHistory.Record(at, security.Supply);
        State.StockEvents.Add(e.DividendId, new StockEventRecord(e.DividendId, e.SecurityId, StockEventKind.StockDividend, e.Numerator, e.Denominator,
            at, e.RecordAt, e.CashInLieu, e.Credits));

        // The cash in lieu the event lists is paid by the CashInLieuPaid event that follows it.
    }
}
