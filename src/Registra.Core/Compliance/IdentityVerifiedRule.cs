using System.Text.Json.Serialization;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// Sender and receiver each need a valid claim of every listed type from one of the
/// security's trusted claim issuers. With no claim types, any registered identity passes.
/// </summary>
public sealed record IdentityVerifiedRule(IReadOnlyList<string> ClaimTypes) : Rule
{
    [JsonIgnore]
    public override string TypeName => "identity_verified";

    public override string? Validate(int decimals) =>
        ClaimTypes.Any(string.IsNullOrWhiteSpace) ? "claim types must not be empty strings" : null;

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (check.ChecksSender && check.Sender is not null && Missing(check.Sender, check) is { } senderMissing)
        {
            failures.Add(Fail(Reasons.Reasons.SenderNotVerified, senderMissing, "missing",
                $"Ask a trusted claim issuer to add a valid '{senderMissing}' claim to identity {check.Sender.Id}.") with { Subject = check.Sender.Id });
        }

        if (check.ChecksReceiver)
        {
            CheckReceiver(check, failures);
        }
    }

    /// <summary>Checks only the receiver; a forced transfer with an override still needs a verified receiver.</summary>
    public void CheckReceiver(TransferCheck check, List<Failure> failures)
    {
        if (check.Receiver is not null && Missing(check.Receiver, check) is { } receiverMissing)
        {
            failures.Add(Fail(Reasons.Reasons.ReceiverNotVerified, receiverMissing, "missing",
                $"Ask a trusted claim issuer to add a valid '{receiverMissing}' claim to identity {check.Receiver.Id}.") with { Subject = check.Receiver.Id });
        }
    }

    private string? Missing(Identities.IdentityState identity, TransferCheck check)
    {
        for (var i = 0; i < ClaimTypes.Count; i++)
        {
            if (identity.FindValidClaim(ClaimTypes[i], check.Now, check.TrustedIssuers) is null)
            {
                return ClaimTypes[i];
            }
        }

        return null;
    }
}
