using Registra.Securities;

namespace Registra.Api.Features.Securities;

public sealed record CreateIssuerRequest(string Id, string Name, string? Lei = null);

public sealed record IssuerView(string Id, string Name, string? Lei);

/// <param name="SupplyCap">Decimal string in the security's units; no cap when absent.</param>
/// <param name="Identifiers">Identifiers by kind: isin, cusip, figi, lei, vin.</param>
public sealed record CreateSecurityRequest(
    string IssuerId,
    string Name,
    AssetClass AssetClass,
    int Decimals,
    string? SupplyCap = null,
    string? Symbol = null,
    Dictionary<string, string>? Identifiers = null,
    Dictionary<string, string>? Terms = null);

public sealed record SecurityView(
    string Id,
    string IssuerId,
    string Name,
    string? Symbol,
    AssetClass AssetClass,
    int Decimals,
    string? SupplyCap,
    string Supply,
    SecurityStatus Status,
    int HolderCount,
    int RulesVersion,
    IReadOnlyDictionary<string, string> Identifiers,
    IReadOnlyList<string> TrustedClaimIssuers,
    IReadOnlyDictionary<string, string>? Terms = null)
{
    public static SecurityView Of(SecurityState security)
    {
        var definition = security.Definition;
        return new SecurityView(definition.Id, definition.IssuerId, definition.Name, definition.Symbol, definition.AssetClass,
            definition.Decimals, security.SupplyCap?.Format(definition.Decimals), security.Supply.Format(definition.Decimals),
            security.Status, security.HolderCount, security.Rules.Version, definition.Identifiers,
            security.TrustedIssuers.Order(StringComparer.Ordinal).ToList(),
            definition.Terms.Count == 0 ? null : new SortedDictionary<string, string>(definition.Terms.ToDictionary(), StringComparer.Ordinal));
    }
}

public sealed record TrustedIssuerRequest(string ClaimIssuerId);

public sealed record RulesView(int Version, IReadOnlyList<Compliance.Rule> Rules);

public sealed record ReplaceRulesRequest(IReadOnlyList<Compliance.Rule> Rules);

public sealed record ApplyPresetRequest(string Preset, Dictionary<string, string>? Parameters = null);
