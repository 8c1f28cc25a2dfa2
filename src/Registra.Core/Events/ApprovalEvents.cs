using Registra.Canonical;

namespace Registra.Events;

/// <summary>
/// The approval policy of a transfer just queued, recorded right after its <see cref="TransferQueued"/>
/// when the security's issuer-approval rule requires more than one approval by any agent. A queued
/// transfer without this event needs that one approval, as every transfer queued before the event existed.
/// </summary>
/// <param name="Approvals">Number of distinct approvers that must approve.</param>
/// <param name="Approvers">Caller ids that alone may approve or deny, in the rule's order; empty for any agent with the transfer permission.</param>
public sealed record TransferApprovalsRequired(string TransferId, int Approvals, IReadOnlyList<string> Approvers)
    : RegisterEvent(EventType.TransferApprovalsRequired)
{
    /// <summary>Most approvers an event may list, so a corrupt length cannot make a reader allocate without bound.</summary>
    private const int MaxApprovers = 1024;

    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(TransferId);
        writer.WriteInt32(Approvals);
        writer.WriteLength(Approvers.Count);
        foreach (var approver in Approvers)
        {
            writer.WriteString(approver);
        }
    }

    public static TransferApprovalsRequired Read(ref CanonicalReader reader)
    {
        var transferId = reader.ReadString();
        var approvals = reader.ReadInt32();
        var count = reader.ReadLength();
        if (count > MaxApprovers)
        {
            throw new FormatException($"A transfer_approvals_required event lists {count} approvers, more than {MaxApprovers}.");
        }

        var approvers = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            approvers.Add(reader.ReadString());
        }

        return new TransferApprovalsRequired(transferId, approvals, approvers);
    }

    /// <summary>Compares the approver lists by content, so a decoded event equals the one encoded.</summary>
    public bool Equals(TransferApprovalsRequired? other) =>
        other is not null && TransferId == other.TransferId && Approvals == other.Approvals && Approvers.SequenceEqual(other.Approvers);

    public override int GetHashCode() => HashCode.Combine(TransferId, Approvals, Approvers.Count);
}

/// <summary>
/// One approval of a queued transfer that still waits for more. The approval that completes the
/// required number is recorded as <see cref="TransferApproved"/> instead, followed by the transfer.
/// </summary>
/// <param name="Agent">Caller id of the approver.</param>
public sealed record TransferApprovalRecorded(string TransferId, string Agent) : RegisterEvent(EventType.TransferApprovalRecorded)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(TransferId);
        writer.WriteString(Agent);
    }

    public static TransferApprovalRecorded Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}
