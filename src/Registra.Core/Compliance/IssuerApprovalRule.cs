using System.Text.Json.Serialization;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// Ordinary transfers that pass every other rule wait in an approval queue until an agent
/// with the transfer permission approves or rejects them, or they expire.
/// </summary>
/// <param name="ExpiresAfter">ISO 8601 duration a queued transfer waits before it expires.</param>
public sealed record IssuerApprovalRule(string ExpiresAfter = "P7D") : Rule
{
    private readonly ParsedParameter<CalendarPeriod> _expiresAfter = new();

    [JsonIgnore]
    public override string TypeName => "issuer_approval";

    /// <summary>Returns the instant at which a transfer queued at <paramref name="queuedAt"/> expires.</summary>
    internal DateTimeOffset ExpiresAt(DateTimeOffset queuedAt) => _expiresAfter.Get(ExpiresAfter, 0, RuleAmount.Period).AddTo(queuedAt);

    public override string? Validate(int decimals) =>
        CalendarPeriod.TryParse(ExpiresAfter) is null ? $"expiresAfter '{ExpiresAfter}' must be an ISO 8601 duration such as P7D" : null;

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        // NOTE: the approval queue is not a failure of the movement itself. The state machine
        // queues the transfer instead of rejecting it, and the check endpoint reports it.
    }
}
