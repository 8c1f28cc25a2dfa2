using Registra.Market.OrderBook;
using Registra.Market.Settlement;

namespace Registra.Market;

/// <summary>The market part of the register: holds, settlement instructions, order books and primary offerings.</summary>
public sealed class MarketState
{
    public Dictionary<string, Hold> Holds { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Instruction> Instructions { get; } = new(StringComparer.Ordinal);

    /// <summary>Order books by security id; a security has one once its market settings are set.</summary>
    public Dictionary<string, Book> Books { get; } = new(StringComparer.Ordinal);

    /// <summary>Resting orders of every book, by order id.</summary>
    public Dictionary<long, Order> Orders { get; } = [];

    /// <summary>Primary offerings of every security by offering id, open and ended.</summary>
    public Dictionary<string, Offerings.Offering> Offerings { get; } = new(StringComparer.Ordinal);

    /// <summary>Id the next accepted order gets; ids start at 1 and never repeat.</summary>
    public long NextOrderId { get; internal set; } = 1;

    /// <summary>Id the next trade gets; ids start at 1 and never repeat.</summary>
    public long NextTradeId { get; internal set; } = 1;

    /// <summary>Ids of the holds each identity sends or receives. Derived from <see cref="Holds"/>, so snapshots do not store it.</summary>
    public Dictionary<string, SortedSet<string>> HoldsByIdentity { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of the instructions each identity is a party or the mediator of. Derived from <see cref="Instructions"/>.</summary>
    public Dictionary<string, SortedSet<string>> InstructionsByIdentity { get; } = new(StringComparer.Ordinal);

    internal static void Index(Dictionary<string, SortedSet<string>> index, string identityId, string id)
    {
        if (!index.TryGetValue(identityId, out var ids))
        {
            ids = new SortedSet<string>(StringComparer.Ordinal);
            index.Add(identityId, ids);
        }

        ids.Add(id);
    }
}
