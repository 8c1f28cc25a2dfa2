using Registra.Canonical;
using Registra.Market.OrderBook;

namespace Registra.Events;

public sealed record MarketConfigured(string SecurityId, string Currency, Int128 TickSize, Int128 LotSize) : RegisterEvent(EventType.MarketConfigured)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(Currency);
        writer.WriteInt128(TickSize);
        writer.WriteInt128(LotSize);
    }

    public static MarketConfigured Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadInt128());
}

/// <summary>
/// An order passed its acceptance checks. A sell order's quantity is held on the seller's
/// position, and a good-till-cancelled limit order joins the back of its price level.
/// </summary>
public sealed record OrderAccepted(
    long OrderId,
    string SecurityId,
    string AccountId,
    OrderSide Side,
    OrderType OrderType,
    TimeInForce TimeInForce,
    long PriceTicks,
    Int128 Quantity) : RegisterEvent(EventType.OrderAccepted)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteInt64(OrderId);
        writer.WriteString(SecurityId);
        writer.WriteString(AccountId);
        writer.WriteByte((byte)Side);
        writer.WriteByte((byte)OrderType);
        writer.WriteByte((byte)TimeInForce);
        writer.WriteInt64(PriceTicks);
        writer.WriteInt128(Quantity);
    }

    public static OrderAccepted Read(ref CanonicalReader reader) =>
        new(reader.ReadInt64(), reader.ReadString(), reader.ReadString(), ReadEnum<OrderSide>(ref reader), ReadEnum<OrderType>(ref reader),
            ReadEnum<TimeInForce>(ref reader), reader.ReadInt64(), reader.ReadInt128());

    private static T ReadEnum<T>(ref CanonicalReader reader)
        where T : struct, Enum
    {
        var value = reader.ReadByte();
        var parsed = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(parsed) ? parsed : throw new FormatException($"Unknown {typeof(T).Name} {value}.");
    }
}

/// <summary>An order left the book unfilled in part or whole; its remaining sell quantity is no longer held.</summary>
/// <param name="Reason">"cancelled" by its owner, "unfilled" for an immediate order's rest, "self_trade", or the reason code that made it ineligible.</param>
public sealed record OrderCancelled(long OrderId, string SecurityId, string Reason) : RegisterEvent(EventType.OrderCancelled)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteInt64(OrderId);
        writer.WriteString(SecurityId);
        writer.WriteString(Reason);
    }

    public static OrderCancelled Read(ref CanonicalReader reader) => new(reader.ReadInt64(), reader.ReadString(), reader.ReadString());
}

/// <summary>
/// A match, settled in this one event (delivery versus payment): the seller's units move to the
/// buyer and <paramref name="Cash"/> moves from the buyer's cash account to the seller's, at the
/// resting order's price, and both orders shrink by the quantity.
/// </summary>
/// <param name="Cash">Minor units of the book's currency paid for the quantity.</param>
public sealed record TradeExecuted(long TradeId, string SecurityId, long BuyOrderId, long SellOrderId, long PriceTicks, Int128 Quantity, Int128 Cash)
    : RegisterEvent(EventType.TradeExecuted)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteInt64(TradeId);
        writer.WriteString(SecurityId);
        writer.WriteInt64(BuyOrderId);
        writer.WriteInt64(SellOrderId);
        writer.WriteInt64(PriceTicks);
        writer.WriteInt128(Quantity);
        writer.WriteInt128(Cash);
    }

    public static TradeExecuted Read(ref CanonicalReader reader) =>
        new(reader.ReadInt64(), reader.ReadString(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt128(),
            reader.ReadInt128());
}
