using Registra.Identities;
using Registra.Securities;

namespace Registra.Tests.Compliance;

/// <summary>
/// Claim lookups against a security's trusted issuers are remembered per identity. These tests
/// change claims, trusted issuers and instants between lookups and compare with a fresh walk.
/// </summary>
public sealed class ClaimLookupTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Lookup_AfterRevocation_FindsNothing()
    {
        var identity = new IdentityState("id-1", IdentityKind.Individual, "Alice");
        var trusted = new TrustedIssuerSet();
        identity.AddClaim(new Claim("c1", "kyc", "passed", "ci-1", Start, null));
        Assert.NotNull(identity.FindValidClaim("kyc", Start.AddDays(1), trusted));

        identity.RevokeClaim("c1");

        Assert.Null(identity.FindValidClaim("kyc", Start.AddDays(1), trusted));
    }

    [Fact]
    public void Lookup_AfterTrustedIssuerChange_FollowsTheSet()
    {
        var identity = new IdentityState("id-1", IdentityKind.Individual, "Alice");
        var trusted = new TrustedIssuerSet();
        identity.AddClaim(new Claim("c1", "kyc", "passed", "ci-1", Start, null));
        Assert.NotNull(identity.FindValidClaim("kyc", Start, trusted));

        trusted.Add("ci-2");
        Assert.Null(identity.FindValidClaim("kyc", Start, trusted));

        trusted.Add("ci-1");
        Assert.NotNull(identity.FindValidClaim("kyc", Start, trusted));
    }

    [Fact]
    public void Lookup_AcrossExpiry_SwitchesToLaterClaim()
    {
        var identity = new IdentityState("id-1", IdentityKind.Individual, "Alice");
        var trusted = new TrustedIssuerSet();
        identity.AddClaim(new Claim("c1", "kyc", "first", "ci-1", Start, Start.AddDays(10)));
        identity.AddClaim(new Claim("c2", "kyc", "second", "ci-1", Start.AddDays(5), Start.AddDays(20)));

        Assert.Null(identity.FindValidClaim("kyc", Start.AddDays(-1), trusted));
        Assert.Equal("first", identity.FindValidClaim("kyc", Start.AddDays(1), trusted)?.Value);
        Assert.Equal("first", identity.FindValidClaim("kyc", Start.AddDays(9), trusted)?.Value);
        Assert.Equal("second", identity.FindValidClaim("kyc", Start.AddDays(10), trusted)?.Value);
        Assert.Null(identity.FindValidClaim("kyc", Start.AddDays(20), trusted));
        Assert.Equal("first", identity.FindValidClaim("kyc", Start.AddDays(2), trusted)?.Value);
    }

    [Fact]
    public void Lookup_RandomChanges_MatchesFreshWalk()
    {
        var random = new Random(20261205);
        string[] types = ["kyc", "jurisdiction", "accredited"];
        string[] issuers = ["ci-1", "ci-2", "ci-3"];
        for (var round = 0; round < 200; round++)
        {
            var identity = new IdentityState("id-1", IdentityKind.Individual, "Alice");
            var trusted = new TrustedIssuerSet();
            var claimCount = 0;
            for (var step = 0; step < 60; step++)
            {
                switch (random.Next(6))
                {
                    case 0:
                        var from = Start.AddDays(random.Next(-5, 30));
                        DateTimeOffset? until = random.Next(3) == 0 ? null : from.AddDays(random.Next(1, 20));
                        claimCount++;
                        identity.AddClaim(new Claim($"c{claimCount}", types[random.Next(types.Length)], $"v{claimCount}",
                            issuers[random.Next(issuers.Length)], from, until));
                        break;
                    case 1 when claimCount > 0:
                        identity.RevokeClaim($"c{random.Next(1, claimCount + 1)}");
                        break;
                    case 2:
                        trusted.Add(issuers[random.Next(issuers.Length)]);
                        break;
                    case 3:
                        trusted.Remove(issuers[random.Next(issuers.Length)]);
                        break;
                    default:
                        var type = types[random.Next(types.Length)];
                        var instant = Start.AddDays(random.Next(-10, 50)).AddHours(random.Next(24));
                        var reference = identity.FindValidClaim(type, instant, new HashSet<string>(trusted));
                        Assert.Same(reference, identity.FindValidClaim(type, instant, trusted));
                        break;
                }
            }
        }
    }

    [Fact]
    public void TrustedIssuerSet_CountsOnlyRealChanges()
    {
        var trusted = new TrustedIssuerSet();

        trusted.Add("ci-1");
        trusted.Add("ci-1");
        trusted.Remove("ci-2");

        Assert.Equal(1, trusted.Version);
        Assert.True(trusted.Contains("ci-1"));
    }
}
