using System.Text.Json.Serialization;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// One compliance rule with its parameters. Rules are data: they are stored in the ledger
/// as JSON, combined with AND, and every one is evaluated so a check can report all failures.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(IdentityVerifiedRule), "identity_verified")]
[JsonDerivedType(typeof(CountryRule), "country")]
[JsonDerivedType(typeof(EligibilityRule), "eligibility")]
[JsonDerivedType(typeof(MaxHoldersRule), "max_holders")]
[JsonDerivedType(typeof(MaxBalanceRule), "max_balance")]
[JsonDerivedType(typeof(MinHoldingRule), "min_holding")]
[JsonDerivedType(typeof(HoldingPeriodRule), "holding_period")]
[JsonDerivedType(typeof(LockUpRule), "lock_up")]
[JsonDerivedType(typeof(DistributionCompliancePeriodRule), "distribution_compliance_period")]
[JsonDerivedType(typeof(VolumeLimitRule), "volume_limit")]
[JsonDerivedType(typeof(IssuerApprovalRule), "issuer_approval")]
public abstract record Rule
{
    /// <summary>Optional label shown in failures, for example the preset that created the rule.</summary>
    public string? Label { get; init; }

    /// <summary>The rule's type name as stored and shown in failures.</summary>
    [JsonIgnore]
    public abstract string TypeName { get; }

    /// <summary>Validates the parameters for a security with the given decimals; returns an error or null.</summary>
    public abstract string? Validate(int decimals);

    /// <summary>Adds a failure for every way the movement breaks this rule.</summary>
    public abstract void Check(TransferCheck check, List<Failure> failures);

    protected Failure Fail(ReasonCode code, string? limit, string? current, string hint) =>
        new(code, Label is null ? TypeName : $"{TypeName} ({Label})", limit, current, hint);
}
