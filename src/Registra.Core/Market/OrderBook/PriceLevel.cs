using Registra.Amounts;

namespace Registra.Market.OrderBook;

/// <summary>The orders resting at one price, oldest first, in an intrusive doubly linked list.</summary>
public sealed class PriceLevel(long priceTicks)
{
    public long PriceTicks { get; } = priceTicks;

    public Order? Head { get; private set; }

    public Order? Tail { get; private set; }

    public int Count { get; private set; }

    /// <summary>Sum of the remaining quantities of the orders at this level.</summary>
    public Amount Quantity { get; internal set; }

    internal void Append(Order order)
    {
        order.Level = this;
        order.Previous = Tail;
        order.Next = null;
        if (Tail is null)
        {
            Head = order;
        }
        else
        {
            Tail.Next = order;
        }

        Tail = order;
        Count++;
        Quantity = Quantity.Plus(order.Remaining);
    }

    /// <summary>Puts an order back at the front of the queue, where matching took it from; used only to undo a match.</summary>
    internal void Prepend(Order order)
    {
        order.Level = this;
        order.Previous = null;
        order.Next = Head;
        if (Head is null)
        {
            Tail = order;
        }
        else
        {
            Head.Previous = order;
        }

        Head = order;
        Count++;
        Quantity = Quantity.Plus(order.Remaining);
    }

    internal void Remove(Order order)
    {
        if (order.Previous is null)
        {
            Head = order.Next;
        }
        else
        {
            order.Previous.Next = order.Next;
        }

        if (order.Next is null)
        {
            Tail = order.Previous;
        }
        else
        {
            order.Next.Previous = order.Previous;
        }

        Quantity = Quantity.Minus(order.Remaining);
        order.Previous = null;
        order.Next = null;
        order.Level = null;
        Count--;
    }
}
