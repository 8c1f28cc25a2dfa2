using Registra.Amounts;
using Registra.Compliance;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Commands;

public sealed record CreateIssuer(string IssuerId, string Name, string? Lei = null) : RegisterCommand;

/// <summary>Creates a security; its id is derived from this descriptor, so the same descriptor twice is rejected.</summary>
public sealed record CreateSecurity(
    string IssuerId,
    string Name,
    AssetClass AssetClass,
    int Decimals,
    Amount? SupplyCap = null,
    string? Symbol = null,
    IReadOnlyDictionary<string, string>? Identifiers = null,
    IReadOnlyDictionary<string, string>? Terms = null) : RegisterCommand;

public sealed record RegisterClaimIssuer(string ClaimIssuerId, string Name) : RegisterCommand;

public sealed record AddTrustedIssuer(string SecurityId, string ClaimIssuerId) : RegisterCommand;

public sealed record RemoveTrustedIssuer(string SecurityId, string ClaimIssuerId) : RegisterCommand;

/// <param name="ExpectedVersion">When set, the change applies only if the current rule set has this version.</param>
public sealed record SetRules(string SecurityId, IReadOnlyList<Rule> Rules, int? ExpectedVersion = null) : RegisterCommand;

public sealed record RegisterIdentity(string IdentityId, IdentityKind Kind, string Name) : RegisterCommand;

public sealed record AddAccount(string IdentityId, string AccountId) : RegisterCommand;

public sealed record AddClaim(
    string IdentityId,
    string ClaimId,
    string ClaimType,
    string Value,
    string ClaimIssuerId,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil = null) : RegisterCommand;

public sealed record RevokeClaim(string IdentityId, string ClaimId) : RegisterCommand;

/// <summary>Records a document of the security by its SHA-256. The register never stores the file.</summary>
/// <param name="Sha256">64 hex digits in either case; the register stores them lowercase.</param>
/// <param name="Uri">Absolute http or https address where the file can be fetched, if any.</param>
/// <param name="MediaType">Type and subtype such as application/pdf, without parameters.</param>
public sealed record AttachDocument(string SecurityId, string Name, string Sha256, string? Uri = null, string? MediaType = null) : RegisterCommand;

public sealed record RemoveDocument(string SecurityId, string Sha256) : RegisterCommand;
