using System.Text.Json.Serialization;
using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// The receiver's jurisdiction claim must be in the allow list (when one is given) and
/// not in the block list. A receiver without a jurisdiction claim fails an allow list.
/// </summary>
public sealed record CountryRule(IReadOnlyList<string>? Allow = null, IReadOnlyList<string>? Block = null) : Rule
{
    [JsonIgnore]
    public override string TypeName => "country";

    public override string? Validate(int decimals)
    {
        if ((Allow is null || Allow.Count == 0) && (Block is null || Block.Count == 0))
        {
            return "give at least one country in 'allow' or 'block'";
        }

        foreach (var code in (Allow ?? []).Concat(Block ?? []))
        {
            if (!CountryCode.IsAssigned(code))
            {
                return $"'{code}' is not an assigned ISO 3166-1 alpha-2 country code";
            }
        }

        return null;
    }

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (!check.ChecksReceiver || check.Receiver is null)
        {
            return;
        }

        var country = check.ReceiverCountry;
        var blocked = country is not null && Block is not null && CountryList.Contains(Block, country);
        var notAllowed = Allow is { Count: > 0 } && (country is null || !CountryList.Contains(Allow, country));
        if (blocked || notAllowed)
        {
            var limit = blocked ? "not in " + string.Join(",", Block!) : "one of " + string.Join(",", Allow!);
            failures.Add(Fail(Reasons.Reasons.CountryNotAllowed, limit, country ?? "unknown",
                $"Receivers from {country ?? "an unknown jurisdiction"} cannot hold this security.") with { Subject = check.Receiver.Id });
        }
    }
}
