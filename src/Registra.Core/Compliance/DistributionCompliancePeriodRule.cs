using System.Text.Json.Serialization;
using System.Globalization;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// Until the instant, receivers holding a valid claim of the category (by default
/// "us_person", as in a Regulation S distribution compliance period) are rejected.
/// </summary>
public sealed record DistributionCompliancePeriodRule(DateTimeOffset Until, string Category = Identities.ClaimTypes.UsPerson) : Rule
{
    [JsonIgnore]
    public override string TypeName => "distribution_compliance_period";

    public override string? Validate(int decimals) =>
        string.IsNullOrWhiteSpace(Category) ? "category must name a claim type such as us_person" : null;

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (!check.ChecksReceiver || check.Receiver is null || check.Now >= Until)
        {
            return;
        }

        if (check.Receiver.HasValidClaim(Category, check.Now, check.TrustedIssuers))
        {
            var until = Until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            failures.Add(Fail(Reasons.Reasons.DistributionCompliancePeriod, until, Category,
                $"Receivers with a '{Category}' claim can receive this security from {until}.") with { Subject = check.Receiver.Id });
        }
    }
}
