using Registra.Amounts;

namespace Registra.Securities;

/// <summary>
/// An identity's total across its accounts in one security, with the category it was
/// counted under for per-country and non-accredited holder limits.
/// </summary>
public sealed class HolderEntry
{
    public Amount Total { get; internal set; }

    public string? Country { get; internal set; }

    public bool Accredited { get; internal set; }

    /// <summary>True while this entry is the one in its security's holder table.</summary>
    internal bool Listed { get; set; }
}
