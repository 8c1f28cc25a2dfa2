using System.Runtime.CompilerServices;
using Registra.Securities;

namespace Registra.Identities;

/// <summary>An investor or entity: its accounts and the claims made about it.</summary>
public sealed class IdentityState(string id, IdentityKind kind, string name)
{
    public string Id { get; } = id;

    public IdentityKind Kind { get; } = kind;

    public string Name { get; } = name;

    public List<string> Accounts { get; } = [];

    private readonly Dictionary<string, Claim> _claims = [];

    // The last few results of FindValidClaim against a security's trusted issuers. Each result is an
    // immutable object, so concurrent readers see either a whole result or none.
    private RecentLookups _recent;
    private int _nextSlot;
    private int _claimsVersion;

    /// <summary>Claims by id, revoked ones included. They change only through <see cref="AddClaim"/> and <see cref="RevokeClaim"/>.</summary>
    public IReadOnlyDictionary<string, Claim> Claims => _claims;

    /// <summary>Adds a claim; returns false when the identity already has a claim with its id.</summary>
    public bool AddClaim(Claim claim)
    {
        _claimsVersion++;
        return _claims.TryAdd(claim.Id, claim);
    }

    /// <summary>Marks a claim revoked.</summary>
    public void RevokeClaim(string claimId)
    {
        _claimsVersion++;
        _claims[claimId].Revoked = true;
    }

    /// <summary>
    /// Finds a claim of the type that is valid at the instant and issued by a trusted issuer;
    /// an empty trusted set accepts every registered claim issuer.
    /// </summary>
    /// <remarks>
    /// Against a <see cref="TrustedIssuerSet"/>, the result is kept with the span of instants over which
    /// it stays the same, and reused until a claim of this identity or the set changes. The rules ask
    /// the same questions about the same investors on every transfer, and walking the claims touches
    /// several objects per identity that are rarely in the CPU cache.
    /// </remarks>
    public Claim? FindValidClaim(string type, DateTimeOffset instant, IReadOnlySet<string> trustedIssuers)
    {
        if (trustedIssuers is not TrustedIssuerSet trusted)
        {
            return Scan(type, instant, trustedIssuers, out _, out _);
        }

        var ticks = instant.UtcTicks;
        for (var i = 0; i < RecentLookups.Length; i++)
        {
            if (_recent[i] is { } lookup && lookup.Matches(type, trusted, _claimsVersion, ticks))
            {
                return lookup.Claim;
            }
        }

        var claim = Scan(type, instant, trusted, out var fromTicks, out var untilTicks);
        _recent[_nextSlot] = new ClaimLookup(type, trusted, trusted.Version, _claimsVersion, fromTicks, untilTicks, claim);
        _nextSlot = (_nextSlot + 1) % RecentLookups.Length;
        return claim;
    }

    public bool HasValidClaim(string type, DateTimeOffset instant, IReadOnlySet<string> trustedIssuers) =>
        FindValidClaim(type, instant, trustedIssuers) is { } claim && IsAffirmative(claim.Value);

    /// <summary>
    /// Walks every claim. Besides the result, returns the span [from, until) in UTC ticks around the
    /// instant in which no matching claim starts or ends, so the result holds throughout it.
    /// </summary>
    private Claim? Scan(string type, DateTimeOffset instant, IReadOnlySet<string> trustedIssuers, out long fromTicks, out long untilTicks)
    {
        var ticks = instant.UtcTicks;
        fromTicks = long.MinValue;
        untilTicks = long.MaxValue;
        Claim? found = null;
        foreach (var claim in _claims.Values)
        {
            if (claim.Revoked || claim.Type != type || (trustedIssuers.Count > 0 && !trustedIssuers.Contains(claim.IssuerId)))
            {
                continue;
            }

            Narrow(claim.ValidFrom.UtcTicks, ticks, ref fromTicks, ref untilTicks);
            if (claim.ValidUntil is { } until)
            {
                Narrow(until.UtcTicks, ticks, ref fromTicks, ref untilTicks);
            }

            if (found is null && claim.IsValidAt(instant))
            {
                found = claim;
            }
        }

        return found;
    }

    private static void Narrow(long boundary, long ticks, ref long fromTicks, ref long untilTicks)
    {
        if (boundary <= ticks)
        {
            fromTicks = Math.Max(fromTicks, boundary);
        }
        else
        {
            untilTicks = Math.Min(untilTicks, boundary);
        }
    }

    /// <summary>Boolean claims (accredited, us_person) count when their value is not "false" or "no".</summary>
    private static bool IsAffirmative(string value) =>
        !value.Equals("false", StringComparison.OrdinalIgnoreCase) && !value.Equals("no", StringComparison.OrdinalIgnoreCase);

    /// <summary>One result of <see cref="FindValidClaim"/> and the conditions under which it is still correct.</summary>
    private sealed record ClaimLookup(
        string Type, TrustedIssuerSet Trusted, int TrustedVersion, int ClaimsVersion, long FromTicks, long UntilTicks, Claim? Claim)
    {
        public bool Matches(string type, TrustedIssuerSet trusted, int claimsVersion, long ticks) =>
            ReferenceEquals(Trusted, trusted)
            && TrustedVersion == trusted.Version
            && ClaimsVersion == claimsVersion
            && ticks >= FromTicks
            && ticks < UntilTicks
            && (ReferenceEquals(Type, type) || Type == type);
    }

    [InlineArray(Length)]
    private struct RecentLookups
    {
        public const int Length = 4;

        private ClaimLookup? _element;
    }
}
