using Registra.Amounts;

namespace Registra.Securities;

/// <summary>What a security is: set at creation and part of its id.</summary>
/// <param name="Identifiers">Validated identifiers by kind ("isin", "cusip", "figi", "lei", "vin").</param>
/// <param name="Terms">Free-form terms kept for later use (liquidation preference, seniority, conversion).</param>
public sealed record SecurityDefinition(
    string Id,
    string IssuerId,
    string Name,
    string? Symbol,
    AssetClass AssetClass,
    int Decimals,
    Amount? SupplyCap,
    IReadOnlyDictionary<string, string> Identifiers,
    IReadOnlyDictionary<string, string> Terms);
