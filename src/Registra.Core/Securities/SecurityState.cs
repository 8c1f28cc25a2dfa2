using Registra.Amounts;
using Registra.Compliance;

namespace Registra.Securities;

/// <summary>The live state of one security: supply, positions, holders and its rules.</summary>
public sealed class SecurityState(SecurityDefinition definition)
{
    public SecurityDefinition Definition { get; } = definition;

    public string Id => Definition.Id;

    public SecurityStatus Status { get; internal set; } = SecurityStatus.Active;

    public Amount Supply { get; internal set; }

    /// <summary>
    /// The supply cap in force: the definition's cap, scaled by every split since. Null for no cap.
    /// </summary>
    public Amount? SupplyCap { get; internal set; } = definition.SupplyCap;

    public BalanceHistory SupplyHistory { get; } = new();

    public RuleSet Rules { get; internal set; } = RuleSet.Empty;

    /// <summary>Claim issuers whose claims count for this security; empty means every registered one.</summary>
    public TrustedIssuerSet TrustedIssuers { get; } = new();

    public Dictionary<string, Position> Positions { get; } = [];

    private readonly Dictionary<string, HolderEntry> _holders = [];

    /// <summary>Identities with a non-zero total; its size is the holder count.</summary>
    public IReadOnlyDictionary<string, HolderEntry> Holders => _holders;

    public Dictionary<string, int> HoldersByCountry { get; } = [];

    public int NonAccreditedHolders { get; internal set; }

    /// <summary>Recent outflows per sender identity, kept only while a volume limit rule exists.</summary>
    public Dictionary<string, Queue<(DateTimeOffset At, Amount Amount)>> Outflows { get; } = [];

    /// <summary>Documents attached to the security, by lowercase SHA-256.</summary>
    public Dictionary<string, SecurityDocument> Documents { get; } = [];

    public int HolderCount => Holders.Count;

    public Amount TotalOf(string identityId) =>
        _holders.TryGetValue(identityId, out var entry) ? entry.Total : Amount.Zero;

    /// <summary>Returns the total of the position's identity across its accounts.</summary>
    public Amount TotalOf(Position position) => HolderOf(position)?.Total ?? Amount.Zero;

    /// <summary>
    /// Returns the holder entry of the position's identity, or null when its total is zero. The entry is
    /// remembered on the position, which saves the table lookup on the next transfer.
    /// </summary>
    internal HolderEntry? HolderOf(Position position)
    {
        if (position.KnownHolder is { Listed: true } known)
        {
            return known;
        }

        var entry = _holders.GetValueOrDefault(position.IdentityId);
        position.KnownHolder = entry;
        return entry;
    }

    /// <summary>Puts the entry in the holder table, replacing the identity's current one if any.</summary>
    internal void ListHolder(string identityId, HolderEntry entry)
    {
        if (_holders.TryGetValue(identityId, out var current))
        {
            current.Listed = false;
        }

        _holders[identityId] = entry;
        entry.Listed = true;
    }

    /// <summary>Removes the identity from the holder table.</summary>
    internal void UnlistHolder(string identityId)
    {
        if (_holders.Remove(identityId, out var removed))
        {
            removed.Listed = false;
        }
    }
}
