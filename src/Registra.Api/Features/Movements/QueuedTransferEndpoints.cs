using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Register;

namespace Registra.Api.Features.Movements;

/// <summary>The approval queue of securities with the issuer-approval rule: read, approve, deny and cancel queued transfers.</summary>
public static class QueuedTransferEndpoints
{
    private static readonly string[] Statuses = ["pending", "expired", "approved", "denied", "cancelled"];

    public static RouteGroupBuilder MapQueuedTransfers(this RouteGroupBuilder v1)
    {
        v1.MapGet("/securities/{securityId}/queued-transfers", List).WithTags("Movements")
            .Documented<Page<QueuedTransferView>>("listQueuedTransfers", 200, "List queued transfers",
                "Returns the security's queued transfers, oldest first, optionally only those with `status` (pending, expired, approved, denied or cancelled). Investors see only transfers from or to their own accounts.", 400, 404);
        v1.MapGet("/queued-transfers/{transferId}", Get).WithTags("Movements")
            .Documented<QueuedTransferView>("getQueuedTransfer", 200, "Get a queued transfer",
                "Returns a queued transfer with the approvals it needs and those it has. Visible to the operator, the issuer's agents and auditors, and the investors on either side.", 404);
        v1.MapPost("/queued-transfers/{transferId}:approve", (string transferId, HttpContext context, CommandGateway gateway) =>
            MovementEndpoints.Submit(context, gateway, new ApproveTransfer(transferId))).WithTags("Movements")
            .Documented<Receipt>("approveTransfer", 201, "Approve a queued transfer",
                "Records the caller's approval. The approval that completes the number the issuer-approval rule requires settles the transfer (201); an earlier one answers 202 while the transfer waits for more. The same approver approving twice is rejected with `approval_already_given`.", 403, 404, 409)
            .Produces<Receipt>(StatusCodes.Status202Accepted);
        v1.MapPost("/queued-transfers/{transferId}:deny", (string transferId, DenyRequest request, HttpContext context, CommandGateway gateway) =>
            MovementEndpoints.Submit(context, gateway, new DenyTransfer(transferId, request.Reason))).WithTags("Movements")
            .Documented<Receipt>("denyTransfer", 201, "Deny a queued transfer",
                "Rejects a transfer that waits for approval, with a reason the ledger records. One denial by any approver ends the transfer, whatever approvals it already has.", 400, 403, 404, 409);
        v1.MapPost("/queued-transfers/{transferId}:cancel", (string transferId, HttpContext context, CommandGateway gateway) =>
            MovementEndpoints.Submit(context, gateway, new CancelTransfer(transferId))).WithTags("Movements")
            .Documented<Receipt>("cancelQueuedTransfer", 201, "Cancel a queued transfer",
                "Withdraws a transfer that waits for the issuer's approval, at any time before the last approval; its amount is no longer held. Only the sender may cancel.", 403, 404, 409);
        return v1;
    }

    private static async Task<IResult> List(string securityId, string? status, int? limit, string? after, HttpContext context,
        CommandGateway gateway, TimeProvider clock)
    {
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return ApiProblems.InvalidRequest($"status must be one of {string.Join(", ", Statuses)}.", status);
        }

        var actor = CommandGateway.ActorOf(context);
        var now = clock.GetUtcNow();
        var page = Paging.Limit(limit);
        var items = await gateway.Engine.ReadAsync(register =>
        {
            var state = register.State;
            if (!state.Securities.TryGetValue(securityId, out var security) || !ReadScope.CanRead(actor, security.Definition.IssuerId)
                || actor.Role == ActorRole.ClaimIssuer)
            {
                return null;
            }

            // NOTE: this scans every transfer ever queued, on the sequencer thread. Each needs its own transfer request and approvals, so queues stay far smaller than order books.
            return state.PendingTransfers.Values
                .Where(pending => pending.SecurityId == securityId && Visible(actor, pending, state))
                .Where(pending => after is null || QueueOrder.Compare(pending.Id, after) > 0)
                .OrderBy(pending => pending.Id, QueueOrder)
                .Select(pending => View(pending, state, now))
                .Where(view => status is null || view.Status == status)
                .Take(page + 1)
                .ToList();
        }, context.RequestAborted);
        return items is null ? SecurityEndpoints.NotFound(securityId) : Results.Ok(Paging.Page(context, items, page, view => view.Id));
    }

    private static async Task<IResult> Get(string transferId, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var actor = CommandGateway.ActorOf(context);
        var now = clock.GetUtcNow();
        var view = await gateway.Engine.ReadAsync(register =>
            register.State.PendingTransfers.TryGetValue(transferId, out var pending) && Visible(actor, pending, register.State)
                ? View(pending, register.State, now)
                : null, context.RequestAborted);
        return view is null
            ? ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.NotFound, "queued transfer", "queued transfer", transferId,
                $"Check the queued transfer id '{transferId}', as returned by the transfer that queued it.") { Subject = transferId }])
            : Results.Ok(view);
    }

    /// <summary>Investors see transfers from or to their own accounts; everyone else needs to be able to read the issuer's register.</summary>
    private static bool Visible(Actor actor, PendingTransfer pending, RegisterState state) => actor.Role == ActorRole.Investor
        ? actor.ScopeId == state.Accounts[pending.FromAccountId].IdentityId || actor.ScopeId == state.Accounts[pending.ToAccountId].IdentityId
        : ReadScope.CanReadRegister(actor, state.Securities[pending.SecurityId].Definition.IssuerId);

    private static QueuedTransferView View(PendingTransfer pending, RegisterState state, DateTimeOffset now)
    {
        var decimals = state.Securities[pending.SecurityId].Definition.Decimals;
        var status = pending.Status == PendingStatus.Pending && now >= pending.ExpiresAt ? "expired" : pending.Status.ToString().ToLowerInvariant();
        return new QueuedTransferView(pending.Id, pending.SecurityId, pending.FromAccountId, pending.ToAccountId, pending.Amount.Format(decimals),
            pending.ExpiresAt, status, pending.RequiredApprovals, pending.Approvers,
            pending.Approvals.Select(approval => new ApprovalView(approval.Approver, approval.At)).ToList());
    }

    /// <summary>Queue ids ("pt-000001") in the order they were queued, also past pt-999999 where the number grows a digit.</summary>
    private static readonly Comparer<string> QueueOrder = Comparer<string>.Create((a, b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
}
