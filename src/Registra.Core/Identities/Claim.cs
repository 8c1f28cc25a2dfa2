namespace Registra.Identities;

/// <summary>
/// A statement by a claim issuer about an identity, valid in [ValidFrom, ValidUntil)
/// unless revoked.
/// </summary>
public sealed record Claim(
    string Id,
    string Type,
    string Value,
    string IssuerId,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil)
{
    public bool Revoked { get; internal set; }

    public bool IsValidAt(DateTimeOffset instant) =>
        !Revoked && instant >= ValidFrom && (ValidUntil is null || instant < ValidUntil.Value);
}
