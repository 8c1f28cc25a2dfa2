using Registra.Identities;

namespace Registra.Compliance;

/// <summary>The categories a holder is counted under: jurisdiction and accreditation.</summary>
public readonly record struct HolderProfile(string? Country, bool Accredited)
{
    /// <remarks>Jurisdiction claim values are upper-case, because AddClaim stores them so.</remarks>
    public static HolderProfile Of(IdentityState identity, DateTimeOffset now, IReadOnlySet<string> trustedIssuers) =>
        new(identity.FindValidClaim(ClaimTypes.Jurisdiction, now, trustedIssuers)?.Value,
            identity.HasValidClaim(ClaimTypes.Accredited, now, trustedIssuers));

    /// <summary>The profile the receiver of the movement would be counted under.</summary>
    public static HolderProfile OfReceiver(TransferCheck check) =>
        new(check.ReceiverCountry, check.Receiver!.HasValidClaim(ClaimTypes.Accredited, check.Now, check.TrustedIssuers));

    /// <summary>The profile an existing holder was counted under.</summary>
    public static HolderProfile OfHolder(string identityId, TransferCheck check) =>
        check.Security.Holders.TryGetValue(identityId, out var entry)
            ? new HolderProfile(entry.Country, entry.Accredited)
            : default;
}
