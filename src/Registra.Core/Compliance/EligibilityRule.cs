using System.Text.Json.Serialization;
using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// The receiver needs a valid claim of the required type ("accredited" or
/// "qualified_purchaser"), for receivers in the listed jurisdictions or, with none listed, for all.
/// </summary>
public sealed record EligibilityRule(string Requirement, IReadOnlyList<string>? Jurisdictions = null) : Rule
{
    [JsonIgnore]
    public override string TypeName => "eligibility";

    public override string? Validate(int decimals)
    {
        if (Requirement is not (Identities.ClaimTypes.Accredited or Identities.ClaimTypes.QualifiedPurchaser))
        {
            return $"requirement '{Requirement}' must be 'accredited' or 'qualified_purchaser'";
        }

        var unknown = (Jurisdictions ?? []).FirstOrDefault(code => !CountryCode.IsAssigned(code));
        return unknown is null ? null : $"'{unknown}' is not an assigned ISO 3166-1 alpha-2 country code";
    }

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (!check.ChecksReceiver || check.Receiver is null)
        {
            return;
        }

        if (Jurisdictions is { Count: > 0 })
        {
            var country = check.ReceiverCountry;
            if (country is null || !CountryList.Contains(Jurisdictions, country))
            {
                return;
            }
        }

        if (!check.Receiver.HasValidClaim(Requirement, check.Now, check.TrustedIssuers))
        {
            failures.Add(Fail(Reasons.Reasons.InvestorNotEligible, Requirement, "missing",
                $"Identity {check.Receiver.Id} needs a valid '{Requirement}' claim from a trusted claim issuer.") with { Subject = check.Receiver.Id });
        }
    }
}
