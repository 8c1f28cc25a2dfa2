using System.Text.Json.Serialization;
using System.Globalization;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// Caps the number of holders (identities with a non-zero balance): in total, within one
/// country, or among non-accredited investors. Only a receiver that would become a new
/// holder is rejected, so existing holders keep trading when a lowered cap is exceeded.
/// </summary>
/// <param name="Country">When set, counts only holders with this jurisdiction.</param>
/// <param name="Category">When "non_accredited", counts only holders without a valid accredited claim.</param>
public sealed record MaxHoldersRule(int Max, string? Country = null, string? Category = null) : Rule
{
    public const string NonAccredited = "non_accredited";

    [JsonIgnore]
    public override string TypeName => "max_holders";

    public override string? Validate(int decimals)
    {
        if (Max < 0)
        {
            return $"max {Max} must be zero or more";
        }

        if (Country is not null && !Identifiers.CountryCode.IsAssigned(Country))
        {
            return $"'{Country}' is not an assigned ISO 3166-1 alpha-2 country code";
        }

        return Category is null or NonAccredited ? null : $"category '{Category}' must be '{NonAccredited}' or absent";
    }

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (!check.ChecksReceiver || !check.ReceiverIsNewHolder)
        {
            return;
        }

        var profile = HolderProfile.OfReceiver(check);
        if (Country is not null && !Country.Equals(profile.Country, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (Category == NonAccredited && profile.Accredited)
        {
            return;
        }

        var current = Count(check);
        var leaving = check.SenderLeaves && InScope(HolderProfile.OfHolder(check.Sender!.Id, check)) ? 1 : 0;
        if (current - leaving + 1 > Max)
        {
            failures.Add(Fail(Reasons.Reasons.MaxHoldersReached, Max.ToString(CultureInfo.InvariantCulture),
                current.ToString(CultureInfo.InvariantCulture),
                "Only existing holders can receive units until a holder leaves or the limit is raised.") with { Subject = check.Receiver!.Id });
        }
    }

    private int Count(TransferCheck check)
    {
        if (Country is not null)
        {
            return check.Security.HoldersByCountry.GetValueOrDefault(Country.ToUpperInvariant());
        }

        return Category == NonAccredited ? check.Security.NonAccreditedHolders : check.Security.HolderCount;
    }

    private bool InScope(HolderProfile profile) =>
        (Country is null || Country.Equals(profile.Country, StringComparison.OrdinalIgnoreCase))
        && (Category != NonAccredited || !profile.Accredited);
}
