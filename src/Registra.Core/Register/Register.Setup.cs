using System.Buffers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Canonical;
using Registra.Events;
using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>Client-chosen ids: 1 to 128 characters, letters, digits and . _ : @ - after a letter or digit.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}\z")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    private static Failure InvalidId(string kind, string? id) =>
        Invalid(id ?? "null", $"{("aeiou".Contains(kind[0]) ? "An" : "A")} {kind} id must be 1 to 128 letters, digits or . _ : @ - and start with a letter or digit.");

    private CommandResult DecideCreateIssuer(CreateIssuer command)
    {
        if (!command.Actor.IsOperator)
        {
            return CommandResult.Rejected(Denied("operator", "Only an operator can create issuers."));
        }

        if (!IsValidId(command.IssuerId))
        {
            return CommandResult.Rejected(InvalidId("issuer", command.IssuerId));
        }

        if (State.Issuers.ContainsKey(command.IssuerId))
        {
            return CommandResult.Rejected(AlreadyExists("issuer", command.IssuerId));
        }

        if (string.IsNullOrWhiteSpace(command.Name))
        {
            return CommandResult.Rejected(Invalid("name", "The issuer needs a name."));
        }

        if (command.Lei is not null && SecurityIdentifier.Validate("lei", command.Lei) is { } leiError)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidIdentifier, "lei", null, command.Lei, leiError) { Subject = command.Lei });
        }

        return CommandResult.Of(new IssuerCreated(command.IssuerId, command.Name.Trim(), command.Lei?.Replace(" ", "").ToUpperInvariant()))
            with { CreatedId = command.IssuerId };
    }

    private CommandResult DecideCreateSecurity(CreateSecurity command)
    {
        if (!State.Issuers.ContainsKey(command.IssuerId))
        {
            return CommandResult.Rejected(NotFound("issuer", command.IssuerId));
        }

        if (!command.Actor.MayAct(command.IssuerId, Permissions.Supply))
        {
            return CommandResult.Rejected(Denied("supply", $"Creating securities of issuer {command.IssuerId} needs the supply permission."));
        }

        var failures = new List<Failure>();
        if (string.IsNullOrWhiteSpace(command.Name))
        {
            failures.Add(Invalid("name", "The security needs a name."));
        }

        if (command.Decimals is < 0 or > Amount.MaxDecimals)
        {
            failures.Add(Invalid(command.Decimals.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Decimals must be from 0 to {Amount.MaxDecimals}."));
        }

        if (command.SupplyCap is { } cap && cap.IsNegative)
        {
            failures.Add(new Failure(Reasons.Reasons.InvalidAmount, "supply_cap", null, cap.ToString(), "The supply cap must not be negative."));
        }

        var identifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, value) in command.Identifiers ?? new Dictionary<string, string>())
        {
            var normalizedKind = kind.ToLowerInvariant();
            var normalizedValue = value.Replace(" ", "").ToUpperInvariant();
            if (SecurityIdentifier.Validate(normalizedKind, normalizedValue) is { } error)
            {
                failures.Add(new Failure(Reasons.Reasons.InvalidIdentifier, normalizedKind, null, value, error) { Subject = value });
                continue;
            }

            identifiers[normalizedKind] = normalizedValue;
        }

        failures.AddRange(CorporateActions.SecurityTerms.Check(command.Name.Trim(), command.AssetClass, command.Terms));
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        var created = new SecurityCreated(string.Empty, command.IssuerId, command.Name.Trim(), command.Symbol, command.AssetClass,
            command.Decimals, command.SupplyCap?.Units, identifiers, command.Terms ?? new Dictionary<string, string>());
        created = created with { SecurityId = DeriveSecurityId(created) };
        if (State.Securities.ContainsKey(created.SecurityId))
        {
            return CommandResult.Rejected(AlreadyExists("security", created.SecurityId));
        }

        return CommandResult.Of(created) with { CreatedId = created.SecurityId };
    }

    /// <summary>
    /// Derives the security id: "sec_" and the first 16 hex digits of the SHA-256 of the
    /// canonical issuance descriptor (issuer, name, symbol, class, decimals, identifiers).
    /// </summary>
    public static string DeriveSecurityId(SecurityCreated descriptor)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new CanonicalWriter(buffer);
        writer.WriteString(descriptor.IssuerId);
        writer.WriteString(descriptor.Name);
        writer.WriteOptionalString(descriptor.Symbol);
        writer.WriteByte((byte)descriptor.AssetClass);
        writer.WriteInt32(descriptor.Decimals);
        writer.WriteMap(descriptor.Identifiers);
        var hash = SHA256.HashData(buffer.WrittenSpan);
        return "sec_" + Convert.ToHexStringLower(hash, 0, 8);
    }

    private CommandResult DecideRegisterClaimIssuer(RegisterClaimIssuer command)
    {
        if (!command.Actor.IsOperator)
        {
            return CommandResult.Rejected(Denied("operator", "Only an operator can register claim issuers."));
        }

        if (!IsValidId(command.ClaimIssuerId))
        {
            return CommandResult.Rejected(InvalidId("claim issuer", command.ClaimIssuerId));
        }

        return State.ClaimIssuers.ContainsKey(command.ClaimIssuerId)
            ? CommandResult.Rejected(AlreadyExists("claim issuer", command.ClaimIssuerId))
            : CommandResult.Of(new ClaimIssuerRegistered(command.ClaimIssuerId, command.Name)) with { CreatedId = command.ClaimIssuerId };
    }

    private CommandResult DecideAddTrustedIssuer(AddTrustedIssuer command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Compliance, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (!State.ClaimIssuers.ContainsKey(command.ClaimIssuerId))
        {
            return CommandResult.Rejected(NotFound("claim issuer", command.ClaimIssuerId));
        }

        return security.TrustedIssuers.Contains(command.ClaimIssuerId)
            ? CommandResult.Rejected(AlreadyExists("trusted claim issuer", command.ClaimIssuerId))
            : CommandResult.Of(new TrustedIssuerAdded(command.SecurityId, command.ClaimIssuerId));
    }

    private CommandResult DecideRemoveTrustedIssuer(RemoveTrustedIssuer command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Compliance, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        return security.TrustedIssuers.Contains(command.ClaimIssuerId)
            ? CommandResult.Of(new TrustedIssuerRemoved(command.SecurityId, command.ClaimIssuerId))
            : CommandResult.Rejected(NotFound("trusted claim issuer", command.ClaimIssuerId));
    }

    private CommandResult DecideSetRules(SetRules command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Compliance, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (command.ExpectedVersion is { } expected && expected != security.Rules.Version)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.VersionMismatch, "rules",
                expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                security.Rules.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "The rule set changed since it was read; read it again and retry."));
        }

        if (RuleSet.Validate(command.Rules, security.Definition.Decimals) is { } error)
        {
            return CommandResult.Rejected(Invalid("rules", error));
        }

        return CommandResult.Of(new RulesSet(command.SecurityId, security.Rules.Version + 1, RuleSet.ToJson(command.Rules)));
    }

    private CommandResult DecideRegisterIdentity(RegisterIdentity command)
    {
        if (command.Actor.Role is ActorRole.Investor or ActorRole.Auditor)
        {
            return CommandResult.Rejected(Denied("onboarding", "Identities are registered by operators, issuer agents or claim issuers."));
        }

        if (!IsValidId(command.IdentityId))
        {
            return CommandResult.Rejected(InvalidId("identity", command.IdentityId));
        }

        return State.Identities.ContainsKey(command.IdentityId)
            ? CommandResult.Rejected(AlreadyExists("identity", command.IdentityId))
            : CommandResult.Of(new IdentityRegistered(command.IdentityId, command.Kind, command.Name ?? string.Empty))
                with { CreatedId = command.IdentityId };
    }

    private CommandResult DecideAddAccount(AddAccount command)
    {
        if (command.Actor.Role is ActorRole.Auditor || (command.Actor.Role is ActorRole.Investor && command.Actor.ScopeId != command.IdentityId))
        {
            return CommandResult.Rejected(Denied("onboarding", "Investors can add accounts only to their own identity."));
        }

        if (!State.Identities.ContainsKey(command.IdentityId))
        {
            return CommandResult.Rejected(NotFound("identity", command.IdentityId));
        }

        if (!IsValidId(command.AccountId))
        {
            return CommandResult.Rejected(InvalidId("account", command.AccountId));
        }

        return State.Accounts.ContainsKey(command.AccountId)
            ? CommandResult.Rejected(AlreadyExists("account", command.AccountId))
            : CommandResult.Of(new AccountAdded(command.IdentityId, command.AccountId)) with { CreatedId = command.AccountId };
    }

    private CommandResult DecideAddClaim(AddClaim command)
    {
        if (!command.Actor.IsOperator && !(command.Actor.Role == ActorRole.ClaimIssuer && command.Actor.ScopeId == command.ClaimIssuerId))
        {
            return CommandResult.Rejected(Denied("claims", $"Only claim issuer {command.ClaimIssuerId} or an operator can add its claims."));
        }

        if (!State.Identities.TryGetValue(command.IdentityId, out var identity))
        {
            return CommandResult.Rejected(NotFound("identity", command.IdentityId));
        }

        if (!State.ClaimIssuers.ContainsKey(command.ClaimIssuerId))
        {
            return CommandResult.Rejected(NotFound("claim issuer", command.ClaimIssuerId));
        }

        if (ValidateClaim(command) is { } invalid)
        {
            return CommandResult.Rejected(invalid);
        }

        return identity.Claims.ContainsKey(command.ClaimId)
            ? CommandResult.Rejected(AlreadyExists("claim", command.ClaimId))
            : CommandResult.Of(new ClaimAdded(command.IdentityId, command.ClaimId, command.ClaimType.ToLowerInvariant(),
                command.ClaimType.Equals(Identities.ClaimTypes.Jurisdiction, StringComparison.OrdinalIgnoreCase) ? command.Value.ToUpperInvariant() : command.Value,
                command.ClaimIssuerId, command.ValidFrom, command.ValidUntil)) with { CreatedId = command.ClaimId };
    }

    private static Failure? ValidateClaim(AddClaim command)
    {
        if (!IsValidId(command.ClaimId))
        {
            return InvalidId("claim", command.ClaimId);
        }

        if (string.IsNullOrWhiteSpace(command.ClaimType) || !IdPattern().IsMatch(command.ClaimType))
        {
            return Invalid(command.ClaimType ?? "null", "A claim type is a name such as kyc, accredited or jurisdiction.");
        }

        if (command.ClaimType.Equals(Identities.ClaimTypes.Jurisdiction, StringComparison.OrdinalIgnoreCase) && !CountryCode.IsAssigned(command.Value))
        {
            return Invalid(command.Value, "A jurisdiction claim's value must be an assigned ISO 3166-1 alpha-2 country code.");
        }

        if (command.ValidUntil is { } until && until <= command.ValidFrom)
        {
            return Invalid(until.ToString("O"), "validUntil must be after validFrom.");
        }

        return null;
    }

    private CommandResult DecideRevokeClaim(RevokeClaim command)
    {
        if (!State.Identities.TryGetValue(command.IdentityId, out var identity))
        {
            return CommandResult.Rejected(NotFound("identity", command.IdentityId));
        }

        if (!identity.Claims.TryGetValue(command.ClaimId, out var claim))
        {
            return CommandResult.Rejected(NotFound("claim", command.ClaimId));
        }

        if (!command.Actor.IsOperator && !(command.Actor.Role == ActorRole.ClaimIssuer && command.Actor.ScopeId == claim.IssuerId))
        {
            return CommandResult.Rejected(Denied("claims", $"Only claim issuer {claim.IssuerId} or an operator can revoke this claim."));
        }

        return claim.Revoked
            ? CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidArgument, "claims", null, command.ClaimId, "The claim is already revoked."))
            : CommandResult.Of(new ClaimRevoked(command.IdentityId, command.ClaimId));
    }

    private static Failure AlreadyExists(string kind, string id) =>
        new(Reasons.Reasons.AlreadyExists, kind, kind, id, $"Use another {kind} id or the existing {kind}.") { Subject = id };

    /// <summary>Finds the security and checks the actor may act on it with the permission.</summary>
    private Failure? FindSecurityFor(string securityId, Actor actor, Permissions permission, out Securities.SecurityState security)
    {
        if (!State.Securities.TryGetValue(securityId, out security!))
        {
            return NotFound("security", securityId);
        }

        return actor.MayAct(security.Definition.IssuerId, permission)
            ? null
            : Denied(permission.ToString().ToLowerInvariant(),
                $"This operation on {securityId} needs the {permission.ToString().ToLowerInvariant()} permission for issuer {security.Definition.IssuerId}.");
    }
}
