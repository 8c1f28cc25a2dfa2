using Registra.Amounts;
using Registra.Canonical;
using Registra.Market.OrderBook;
using Registra.Market.Settlement;
using Registra.Register;

namespace Registra.Market;

/// <summary>
/// The market section of a register snapshot and of the state digest. Maps are written in
/// ordinal key order. Book orders are written level by level from the best price, oldest first
/// within a level, so reading them back rebuilds the same time priority. Held amounts
/// are not written: <see cref="Read"/> derives them from the holds, queued transfers and orders.
/// </summary>
internal static class MarketSnapshot
{
    public static void Write(CanonicalWriter writer, MarketState market)
    {
        writer.WriteInt64(market.NextOrderId);
        writer.WriteInt64(market.NextTradeId);

        writer.WriteLength(market.Holds.Count);
        foreach (var hold in market.Holds.Values.OrderBy(h => h.Id, StringComparer.Ordinal))
        {
            writer.WriteString(hold.Id);
            writer.WriteString(hold.SecurityId);
            writer.WriteString(hold.FromAccountId);
            writer.WriteString(hold.ToAccountId);
            writer.WriteInt128(hold.Amount.Units);
            writer.WriteInt128(hold.Remaining.Units);
            writer.WriteInstant(hold.ExpiresAt);
            writer.WriteByte((byte)hold.Status);
        }

        writer.WriteLength(market.Instructions.Count);
        foreach (var instruction in market.Instructions.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            new Events.InstructionCreated(instruction.Id, instruction.Legs, instruction.MediatorId, instruction.ExpiresAt,
                instruction.CreatedBy).Write(writer);
            writer.WriteByte((byte)instruction.Status);
            writer.WriteLength(instruction.Affirmed.Count);
            foreach (var party in instruction.Affirmed.Order(StringComparer.Ordinal))
            {
                writer.WriteString(party);
            }
        }

        writer.WriteLength(market.Books.Count);
        foreach (var book in market.Books.Values.OrderBy(b => b.SecurityId, StringComparer.Ordinal))
        {
            WriteBook(writer, book);
        }
    }

    private static void WriteBook(CanonicalWriter writer, Book book)
    {
        writer.WriteString(book.SecurityId);
        writer.WriteString(book.Settings.Currency);
        writer.WriteInt128(book.Settings.TickSize);
        writer.WriteInt128(book.Settings.LotSize.Units);
        writer.WriteInt32(book.SettingsVersion);
        foreach (var side in (ReadOnlySpan<BookSide>)[book.Bids, book.Asks])
        {
            var count = 0;
            foreach (var level in side.Levels())
            {
                count += level.Count;
            }

            writer.WriteLength(count);
            foreach (var level in side.Levels())
            {
                for (var order = level.Head; order is not null; order = order.Next)
                {
                    WriteOrder(writer, order);
                }
            }
        }

        writer.WriteLength(book.RecentTrades.Count);
        foreach (var trade in book.RecentTrades)
        {
            writer.WriteInt64(trade.Id);
            writer.WriteInt64(trade.BuyOrderId);
            writer.WriteInt64(trade.SellOrderId);
            writer.WriteInt64(trade.PriceTicks);
            writer.WriteInt128(trade.Quantity.Units);
            writer.WriteByte((byte)trade.Aggressor);
            writer.WriteInstant(trade.At);
        }
    }

    private static void WriteOrder(CanonicalWriter writer, Order order)
    {
        writer.WriteInt64(order.Id);
        writer.WriteString(order.AccountId);
        writer.WriteString(order.IdentityId);
        writer.WriteByte((byte)order.Side);
        writer.WriteByte((byte)order.Type);
        writer.WriteByte((byte)order.TimeInForce);
        writer.WriteInt64(order.PriceTicks);
        writer.WriteInt128(order.Quantity.Units);
        writer.WriteInt128(order.Remaining.Units);
        writer.WriteInstant(order.AcceptedAt);
    }

    /// <summary>Reads the section into <paramref name="state"/>, whose securities, accounts and queued transfers are already read.</summary>
    public static void Read(ref CanonicalReader reader, RegisterState state)
    {
        var market = state.Market;
        market.NextOrderId = reader.ReadInt64();
        market.NextTradeId = reader.ReadInt64();

        var holds = reader.ReadLength();
        for (var i = 0; i < holds; i++)
        {
            // Arguments are evaluated left to right, so they read the fields in the order Write wrote them.
            var hold = new Hold(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(),
                new Amount(reader.ReadInt128()), remaining: new Amount(reader.ReadInt128()), reader.ReadInstant())
            {
                Status = ReadEnum<HoldStatus>(ref reader),
            };
            AddUnique(market.Holds, hold.Id, hold, "hold");
        }

        var instructions = reader.ReadLength();
        for (var i = 0; i < instructions; i++)
        {
            var created = Events.InstructionCreated.Read(ref reader);
            var instruction = new Instruction(created.InstructionId, created.Legs, PartiesOf(state, created.Legs), created.MediatorId,
                created.ExpiresAt, created.CreatedBy) { Status = ReadEnum<InstructionStatus>(ref reader) };
            var affirmed = reader.ReadLength();
            for (var j = 0; j < affirmed; j++)
            {
                instruction.Affirmed.Add(reader.ReadString());
            }

            AddUnique(market.Instructions, instruction.Id, instruction, "instruction");
        }

        var books = reader.ReadLength();
        for (var i = 0; i < books; i++)
        {
            ReadBook(ref reader, state);
        }

        DeriveHeld(state);
        DeriveIndexes(state);
    }

    /// <summary>Rebuilds the per-identity indexes of holds and instructions, which snapshots do not store.</summary>
    private static void DeriveIndexes(RegisterState state)
    {
        var market = state.Market;
        foreach (var hold in market.Holds.Values)
        {
            MarketState.Index(market.HoldsByIdentity, state.Accounts[hold.FromAccountId].IdentityId, hold.Id);
            MarketState.Index(market.HoldsByIdentity, state.Accounts[hold.ToAccountId].IdentityId, hold.Id);
        }

        foreach (var instruction in market.Instructions.Values)
        {
            foreach (var identityId in instruction.Affirmers)
            {
                MarketState.Index(market.InstructionsByIdentity, identityId, instruction.Id);
            }
        }
    }

    private static void ReadBook(ref CanonicalReader reader, RegisterState state)
    {
        var securityId = reader.ReadString();
        var settings = new MarketSettings(reader.ReadString(), reader.ReadInt128(), new Amount(reader.ReadInt128()));
        if (!state.Securities.ContainsKey(securityId))
        {
            throw new InvalidDataException($"The register snapshot has a book for unknown security '{securityId}'.");
        }

        var book = new Book(securityId, settings) { SettingsVersion = reader.ReadInt32() };
        AddUnique(state.Market.Books, securityId, book, "book");
        for (var side = 0; side < 2; side++)
        {
            var count = reader.ReadLength();
            for (var i = 0; i < count; i++)
            {
                var order = new Order(reader.ReadInt64(), securityId, reader.ReadString(), reader.ReadString(), ReadEnum<OrderSide>(ref reader),
                    ReadEnum<OrderType>(ref reader), ReadEnum<TimeInForce>(ref reader), reader.ReadInt64(), new Amount(reader.ReadInt128()),
                    remaining: new Amount(reader.ReadInt128()), reader.ReadInstant());
                if (!state.Market.Orders.TryAdd(order.Id, order))
                {
                    throw new InvalidDataException($"The register snapshot lists order {order.Id} twice.");
                }

                book.SideOf(order.Side).Add(order);
            }
        }

        var trades = reader.ReadLength();
        for (var i = 0; i < trades; i++)
        {
            book.RecentTrades.Enqueue(new TradeRecord(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                new Amount(reader.ReadInt128()), ReadEnum<OrderSide>(ref reader), reader.ReadInstant()));
        }
    }

    /// <summary>Recomputes every position's held amount from what holds units.</summary>
    private static void DeriveHeld(RegisterState state)
    {
        foreach (var hold in state.Market.Holds.Values)
        {
            if (hold.Status == HoldStatus.Open)
            {
                AddHeld(state, hold.SecurityId, hold.FromAccountId, hold.Remaining);
            }
        }

        foreach (var pending in state.PendingTransfers.Values)
        {
            if (pending.Status == PendingStatus.Pending)
            {
                AddHeld(state, pending.SecurityId, pending.FromAccountId, pending.Amount);
            }
        }

        foreach (var order in state.Market.Orders.Values)
        {
            if (!order.IsBuy)
            {
                AddHeld(state, order.SecurityId, order.AccountId, order.Remaining);
                continue;
            }

            var (key, value) = HeldCashOf(state, order);
            var account = state.Cash.Find(key)
                ?? throw new InvalidDataException($"The register snapshot has buy order {order.Id} without the cash account {key}.");
            account.Held = account.Held.Plus(value);
        }
    }

    /// <summary>Returns the cash account a resting buy order holds cash in and how much: its limit value; a market order holds none.</summary>
    public static (Cash.CashAccountKey Key, Amount Value) HeldCashOf(RegisterState state, Order buy)
    {
        var settings = state.Market.Books[buy.SecurityId].Settings;
        var key = Cash.CashAccountKey.OfIdentity(buy.IdentityId, settings.Currency);
        var value = buy.Type == OrderType.Limit
            ? Book.Notional(settings, buy.PriceTicks, buy.Remaining, state.Securities[buy.SecurityId].Definition.Decimals)
            : Amount.Zero;
        return (key, value);
    }

    private static void AddHeld(RegisterState state, string securityId, string accountId, Amount amount)
    {
        if (!state.Securities.TryGetValue(securityId, out var security) || !security.Positions.TryGetValue(accountId, out var position))
        {
            throw new InvalidDataException($"The register snapshot reserves units of account '{accountId}' in '{securityId}', which has no position.");
        }

        position.Held = position.Held.Plus(amount);
    }

    /// <summary>Writes every non-zero held amount of units and cash, for the state digest.</summary>
    public static void WriteHeld(CanonicalWriter writer, RegisterState state)
    {
        foreach (var (currency, ledger) in state.Cash.Ledgers.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            foreach (var account in ledger.Identities.Values.OrderBy(a => a.Key.OwnerId, StringComparer.Ordinal))
            {
                if (account.Held.IsPositive)
                {
                    writer.WriteString(currency);
                    writer.WriteString(account.Key.OwnerId);
                    writer.WriteInt128(account.Held.Units);
                }
            }
        }

        foreach (var security in state.Securities.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            foreach (var position in security.Positions.Values.OrderBy(p => p.AccountId, StringComparer.Ordinal))
            {
                if (position.Held.IsPositive)
                {
                    writer.WriteString(security.Id);
                    writer.WriteString(position.AccountId);
                    writer.WriteInt128(position.Held.Units);
                }
            }
        }
    }

    private static List<string> PartiesOf(RegisterState state, IReadOnlyList<SettlementLeg> legs)
    {
        var parties = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var leg in legs)
        {
            parties.Add(leg.Kind == LegKind.Cash ? leg.FromAccountId : IdentityOf(state, leg.FromAccountId));
            parties.Add(leg.Kind == LegKind.Cash ? leg.ToAccountId : IdentityOf(state, leg.ToAccountId));
        }

        return [.. parties];
    }

    private static string IdentityOf(RegisterState state, string accountId) =>
        state.Accounts.TryGetValue(accountId, out var account)
            ? account.IdentityId
            : throw new InvalidDataException($"The register snapshot has an instruction leg for unknown account '{accountId}'.");

    private static T ReadEnum<T>(ref CanonicalReader reader)
        where T : struct, Enum
    {
        var value = reader.ReadByte();
        var parsed = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(parsed) ? parsed : throw new InvalidDataException($"The register snapshot has unknown {typeof(T).Name} {value}.");
    }

    private static void AddUnique<TValue>(Dictionary<string, TValue> map, string key, TValue value, string kind)
    {
        if (!map.TryAdd(key, value))
        {
            throw new InvalidDataException($"The register snapshot lists {kind} '{key}' twice.");
        }
    }
}
