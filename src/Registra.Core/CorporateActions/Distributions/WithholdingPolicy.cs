namespace Registra.CorporateActions.Distributions;

/// <summary>
/// Withholding tax rates of one distribution, in parts per million. The rate for a holder is its
/// identity override if any, else the rate for its jurisdiction (the ISO 3166 value of a valid
/// jurisdiction claim from a claim issuer the security trusts), else the default.
/// </summary>
/// <param name="ByJurisdiction">Rates by upper-case ISO 3166-1 alpha-2 code.</param>
/// <param name="ByIdentity">Rates by identity id.</param>
public sealed record WithholdingPolicy(int DefaultPpm, IReadOnlyDictionary<string, int> ByJurisdiction, IReadOnlyDictionary<string, int> ByIdentity)
{
    public static WithholdingPolicy None { get; } = new(0, new Dictionary<string, int>(), new Dictionary<string, int>());

    public int RateFor(string identityId, string? country)
    {
        if (ByIdentity.TryGetValue(identityId, out var own))
        {
            return own;
        }

        return country is not null && ByJurisdiction.TryGetValue(country, out var treaty) ? treaty : DefaultPpm;
    }
}
