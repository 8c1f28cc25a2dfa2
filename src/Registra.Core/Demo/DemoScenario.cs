using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Demo;

/// <summary>
/// A synthetic register for demos, load tests and benchmarks: one issuer, one equity security
/// with five active rules, and investors who are KYC-verified, accredited and in allowed countries.
/// Transfers are drawn from a seeded generator, so a run can be repeated exactly.
/// </summary>
public sealed class DemoScenario(int investors, int seed = 42)
{
    public const string IssuerId = "demo-issuer";
    public const string ClaimIssuerId = "demo-kyc";
    public const long UnitsPerInvestor = 1_000_000;

    private static readonly string[] Countries = ["US", "DE", "GB", "FR", "SG", "JP", "CH", "CA"];

    private readonly Random _random = new(seed);

    public int Investors { get; } = investors;

    public static string AccountOf(int investor) => $"acct-{investor:D7}";

    /// <summary>The commands that create the issuer, the security and the investors; the security id comes from the result of the second.</summary>
    public IEnumerable<RegisterCommand> SetupCommands(DateTimeOffset validFrom)
    {
        yield return new CreateIssuer(IssuerId, "Demo Holdings Ltd");
        yield return new CreateSecurity(IssuerId, "Demo Common Stock", AssetClass.Equity, Decimals: 0, Symbol: "DEMO");
        yield return new RegisterClaimIssuer(ClaimIssuerId, "Demo KYC Provider");
        for (var i = 0; i < Investors; i++)
        {
            var identity = $"investor-{i:D7}";
            yield return new RegisterIdentity(identity, IdentityKind.Individual, $"Investor {i}");
            yield return new AddAccount(identity, AccountOf(i));
            yield return new AddClaim(identity, "kyc", ClaimTypes.Kyc, "true", ClaimIssuerId, validFrom);
            yield return new AddClaim(identity, "accredited", ClaimTypes.Accredited, "true", ClaimIssuerId, validFrom);
            yield return new AddClaim(identity, "jurisdiction", ClaimTypes.Jurisdiction, Countries[i % Countries.Length], ClaimIssuerId, validFrom);
        }
    }

    /// <summary>Trusted issuer, five rules, and an initial issuance to every investor.</summary>
    public IEnumerable<RegisterCommand> FundingCommands(string securityId)
    {
        yield return new AddTrustedIssuer(securityId, ClaimIssuerId);
        yield return new SetRules(securityId, Rules());
        for (var i = 0; i < Investors; i++)
        {
            yield return new Issue(securityId, AccountOf(i), Amount.FromUnits(UnitsPerInvestor));
        }
    }

    /// <summary>The five active rules of the demo security.</summary>
    public IReadOnlyList<Rule> Rules() =>
    [
        new IdentityVerifiedRule([ClaimTypes.Kyc]),
        new CountryRule(Allow: null, Block: ["KP", "IR", "SY", "CU"]),
        new EligibilityRule(ClaimTypes.Accredited, ["US"]),
        new MaxHoldersRule(Investors + 1000),
        new MaxBalanceRule(Max: (UnitsPerInvestor * 10).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>The next random transfer of 1 to 100 units between two different investors.</summary>
    public Transfer NextTransfer(string securityId)
    {
        var from = _random.Next(Investors);
        var to = _random.Next(Investors - 1);
        if (to >= from)
        {
            to++;
        }

        return new Transfer(securityId, AccountOf(from), AccountOf(to), Amount.FromUnits(_random.Next(1, 101)));
    }
}
