using System.Text.Json.Serialization;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// Ordinary transfers that pass every other rule wait in an approval queue until enough
/// approvers with the transfer permission approve them, one of them denies them, the sender
/// cancels them, or they expire.
/// </summary>
/// <remarks>
/// The queue records the rule's approval policy on each transfer when it is queued, so a later
/// change of the rule does not change what a waiting transfer needs. Without
/// <see cref="Approvals"/> and <see cref="Approvers"/> one approval by any agent with the
/// transfer permission settles a transfer, which is what rule sets saved before these
/// parameters existed mean.
/// </remarks>
/// <param name="ExpiresAfter">ISO 8601 duration a queued transfer waits before it expires.</param>
public sealed record IssuerApprovalRule(string ExpiresAfter = "P7D") : Rule
{
    /// <summary>Upper bound of <see cref="Approvals"/>, and of the length of <see cref="Approvers"/>.</summary>
    public const int MaxApprovers = 20;

    /// <summary>Longest caller id accepted in <see cref="Approvers"/>.</summary>
    public const int MaxApproverIdLength = 200;

    private readonly ParsedParameter<CalendarPeriod> _expiresAfter = new();

    [JsonIgnore]
    public override string TypeName => "issuer_approval";

    /// <summary>Number of distinct approvers that must approve a transfer, 1 to <see cref="MaxApprovers"/>; null means 1.</summary>
    public int? Approvals { get; init; }

    /// <summary>
    /// Caller ids (as the ledger records them: <c>key:ID</c> for an API key, <c>jwt:SUBJECT</c> for
    /// a bearer token, <c>operator</c> for the platform) that alone may approve or deny. Null or
    /// empty means any caller with the transfer permission for the issuer. A listed caller still
    /// needs that permission.
    /// </summary>
    public IReadOnlyList<string>? Approvers { get; init; }

    /// <summary>Number of distinct approvals a transfer queued under this rule needs.</summary>
    [JsonIgnore]
    public int RequiredApprovals => Approvals ?? 1;

    /// <summary>True when the rule requires more than one approval, or approval by named callers only; without these parameters one approval by any agent is enough.</summary>
    [JsonIgnore]
    internal bool HasApprovalPolicy => RequiredApprovals > 1 || Approvers is { Count: > 0 };

    /// <summary>Returns the instant at which a transfer queued at <paramref name="queuedAt"/> expires.</summary>
    internal DateTimeOffset ExpiresAt(DateTimeOffset queuedAt) => _expiresAfter.Get(ExpiresAfter, 0, RuleAmount.Period).AddTo(queuedAt);

    public override string? Validate(int decimals)
    {
        if (CalendarPeriod.TryParse(ExpiresAfter) is null)
        {
            return $"expiresAfter '{ExpiresAfter}' must be an ISO 8601 duration such as P7D";
        }

        if (Approvals is { } count && count is < 1 or > MaxApprovers)
        {
            return $"approvals {count} must be from 1 to {MaxApprovers}";
        }

        return Approvers is null ? null : ValidateApprovers(Approvers, RequiredApprovals);
    }

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        // NOTE: the approval queue is not a failure of the movement itself. The state machine
        // queues the transfer instead of rejecting it, and the check endpoint reports it.
    }

    private static string? ValidateApprovers(IReadOnlyList<string> approvers, int required)
    {
        if (approvers.Count > MaxApprovers)
        {
            return $"approvers lists {approvers.Count} callers; list at most {MaxApprovers}";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var approver in approvers)
        {
            if (string.IsNullOrWhiteSpace(approver) || approver.Length > MaxApproverIdLength || approver.Trim() != approver
                || approver.Any(char.IsControl))
            {
                return $"approver '{approver}' must be a caller id of 1 to {MaxApproverIdLength} characters without surrounding spaces, such as key:k_1a2b";
            }

            if (!seen.Add(approver))
            {
                return $"approver '{approver}' is listed twice";
            }
        }

        return approvers.Count > 0 && required > approvers.Count
            ? $"approvals {required} is more than the {approvers.Count} approvers listed, so no transfer could ever be approved"
            : null;
    }
}
