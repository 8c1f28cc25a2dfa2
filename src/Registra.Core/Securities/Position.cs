using Registra.Amounts;

namespace Registra.Securities;

/// <summary>
/// An account's holding of one security: balance, frozen part, acquisition lots oldest
/// first, and the balance history for point-in-time reads.
/// </summary>
public sealed class Position(string accountId, string identityId)
{
    public string AccountId { get; } = accountId;

    public string IdentityId { get; } = identityId;

    public Amount Balance { get; internal set; }

    /// <summary>The part of the balance that cannot move; never more than the balance.</summary>
    public Amount Frozen { get; internal set; }

    /// <summary>True when the whole account is frozen for this security.</summary>
    public bool IsFrozen { get; internal set; }

    public Amount Unfrozen => Balance.Minus(Frozen);

    /// <summary>
    /// Units reserved by open holds, queued transfers and resting sell orders. Frozen plus held
    /// never exceeds the balance. Derived from those records, so snapshots do not store it.
    /// </summary>
    public Amount Held { get; internal set; }

    /// <summary>The part of the balance an ordinary movement may take: neither frozen nor held.</summary>
    public Amount Spendable => Balance.Minus(Frozen).Minus(Held);

    public List<Lot> Lots { get; internal set; } = [];

    public BalanceHistory History { get; } = new();

    /// <summary>
    /// The holder entry of this position's identity when last looked up, or null. It is current
    /// only while <see cref="HolderEntry.Listed"/> is true; see <see cref="SecurityState.HolderOf"/>.
    /// </summary>
    internal HolderEntry? KnownHolder { get; set; }
}
