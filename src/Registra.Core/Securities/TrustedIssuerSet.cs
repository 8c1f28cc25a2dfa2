using System.Collections;

namespace Registra.Securities;

/// <summary>
/// The claim issuers a security trusts, with a version that changes on every addition or
/// removal, so identities can keep claim lookups made against this set until it changes.
/// </summary>
public sealed class TrustedIssuerSet : IReadOnlySet<string>
{
    private readonly HashSet<string> _issuers = [];

    /// <summary>Number of changes made to the set; equal versions of one set mean equal contents.</summary>
    public int Version { get; private set; }

    public int Count => _issuers.Count;

    public bool Add(string claimIssuerId)
    {
        var added = _issuers.Add(claimIssuerId);
        Version += added ? 1 : 0;
        return added;
    }

    public bool Remove(string claimIssuerId)
    {
        var removed = _issuers.Remove(claimIssuerId);
        Version += removed ? 1 : 0;
        return removed;
    }

    public bool Contains(string item) => _issuers.Contains(item);

    public bool IsProperSubsetOf(IEnumerable<string> other) => _issuers.IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<string> other) => _issuers.IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => _issuers.IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => _issuers.IsSupersetOf(other);

    public bool Overlaps(IEnumerable<string> other) => _issuers.Overlaps(other);

    public bool SetEquals(IEnumerable<string> other) => _issuers.SetEquals(other);

    public HashSet<string>.Enumerator GetEnumerator() => _issuers.GetEnumerator();

    IEnumerator<string> IEnumerable<string>.GetEnumerator() => _issuers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _issuers.GetEnumerator();
}
