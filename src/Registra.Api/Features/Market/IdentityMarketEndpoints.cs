using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Amounts;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Identifiers;
using Registra.Identities;
using Registra.Market;
using Registra.Market.OrderBook;
using Registra.Market.Settlement;
using Registra.Register;

namespace Registra.Api.Features.Market;

/// <summary>
/// One identity's orders, holds and settlement instructions. Investors list only their own. Agents
/// and scoped auditors see only what concerns their issuer's securities; operators and unscoped
/// auditors see everything. Claim issuers see none.
/// </summary>
public static class IdentityMarketEndpoints
{
    private static readonly string[] OrderStatuses = ["open", "filled", "cancelled"];
    private static readonly string[] HoldStatuses = [.. Enum.GetNames<HoldStatus>().Select(name => name.ToLowerInvariant())];
    private static readonly string[] InstructionStatuses = ["open", "settled", "cancelled"];

    public static RouteGroupBuilder MapIdentityMarket(this RouteGroupBuilder v1)
    {
        var identity = v1.MapGroup("/identities/{identityId}").WithTags("Market");
        identity.MapGet("/orders", ListOrders)
            .Documented<Page<IdentityOrderView>>("listIdentityOrders", 200, "List an identity's orders",
                $"Returns the identity's live orders and its last {OrderHistory.RecentCapacity} filled or cancelled ones, newest first, optionally only those with `status` (open, filled or cancelled) or of `securityId`. Older closed orders are in the ledger only. `after` is the id of the last order of the previous page. Answers 503 with Retry-After while the order history catches up with the ledger, as after a restart.", 400, 404, 503);
        identity.MapGet("/holds", ListHolds).WithTags("Holds")
            .Documented<Page<HoldView>>("listIdentityHolds", 200, "List an identity's holds",
                "Returns the holds the identity sends or receives, ordered by id, optionally only those with `status` (open, executed, released or expired) or of `securityId`.", 400, 404);
        identity.MapGet("/settlement-instructions", ListInstructions).WithTags("Settlement")
            .Documented<Page<InstructionView>>("listIdentityInstructions", 200, "List an identity's settlement instructions",
                "Returns the instructions the identity is a party or the mediator of, ordered by id, optionally only those with `status` (open, settled or cancelled).", 400, 404);
        return v1;
    }

    private static async Task<IResult> ListOrders(string identityId, string? status, string? securityId, int? limit, string? after,
        HttpContext context, CommandGateway gateway, OrderHistory history)
    {
        if (BadStatus(status, OrderStatuses) is { } badStatus)
        {
            return badStatus;
        }

        long? before = null;
        if (after is not null)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return ApiProblems.InvalidRequest("after must be the id of the last order of the previous page, such as 42.", after);
            }

            before = id;
        }

        // The register decides who may see the identity; the order history, once it has caught up with the register, lists the orders.
        var actor = CommandGateway.ActorOf(context);
        var access = await gateway.Engine.ReadAsync(register =>
        {
            var state = register.State;
            return state.Identities.TryGetValue(identityId, out var identity)
                ? new OrderListAccess(MaySeeIdentity(actor, identity, state), HasHoldsInScope(actor, identityId, state), state.LastSequence)
                : null;
        }, context.RequestAborted);
        if (access is null || actor.Role == ActorRole.ClaimIssuer || (actor.Role == ActorRole.Investor && actor.ScopeId != identityId))
        {
            return NotFound(identityId);
        }

        if (!await history.WaitForAsync(access.LastSequence, context.RequestAborted))
        {
            context.Response.Headers.RetryAfter = "1";
            return ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.OrderHistoryBehind, "order_history",
                access.LastSequence.ToString(CultureInfo.InvariantCulture), (history.NextSequence - 1).ToString(CultureInfo.InvariantCulture),
                "Retry in a second; after a restart the order history reads the whole journal again.")]);
        }

        var orders = history.OrdersOf(identityId).Where(order => actor.Role == ActorRole.Investor || ReadScope.CanReadRegister(actor, order.IssuerId)).ToList();
        if (!access.MaySeeIdentity && !access.HasHoldsInScope && orders.Count == 0)
        {
            return NotFound(identityId);
        }

        var page = Paging.Limit(limit);
        var items = orders
            .Where(order => (status is null || order.Status == status) && (securityId is null || order.SecurityId == securityId))
            .Where(order => before is null || order.Id < before)
            .Take(page + 1)
            .Select(View)
            .ToList();
        return Results.Ok(Paging.Page(context, items, page, view => view.Id.ToString(CultureInfo.InvariantCulture)));
    }

    private static Task<IResult> ListHolds(string identityId, string? status, string? securityId, int? limit, string? after,
        HttpContext context, CommandGateway gateway) =>
        ListAsync(identityId, status, HoldStatuses, limit, context, gateway, view => view.Id, (actor, state) =>
            IdsAfter(state.Market.HoldsByIdentity, identityId, after)
                .Select(id => state.Market.Holds[id])
                .Where(hold => MayReadSecurity(actor, hold.SecurityId, state) && (securityId is null || hold.SecurityId == securityId))
                .Select(hold => HoldEndpoints.View(hold, state))
                .Where(view => status is null || view.Status == status));

    private static Task<IResult> ListInstructions(string identityId, string? status, int? limit, string? after,
        HttpContext context, CommandGateway gateway) =>
        ListAsync(identityId, status, InstructionStatuses, limit, context, gateway, view => view.Id, (actor, state) =>
            IdsAfter(state.Market.InstructionsByIdentity, identityId, after)
                .Select(id => state.Market.Instructions[id])
                .Where(instruction => actor.Role == ActorRole.Investor || SettlementEndpoints.MayReadLegs(actor, instruction, state))
                .Select(instruction => SettlementEndpoints.View(instruction, state))
                .Where(view => status is null || view.Status == status));

    /// <summary>
    /// Checks the status filter, then reads one page of <paramref name="select"/> on the sequencer,
    /// or returns not found when the identity does not exist or the caller may not see it.
    /// </summary>
    private static async Task<IResult> ListAsync<T>(string identityId, string? status, string[] statuses, int? limit,
        HttpContext context, CommandGateway gateway, Func<T, string> cursor, Func<Actor, RegisterState, IEnumerable<T>> select)
    {
        if (BadStatus(status, statuses) is { } badStatus)
        {
            return badStatus;
        }

        var actor = CommandGateway.ActorOf(context);
        var page = Paging.Limit(limit);
        var items = await gateway.Engine.ReadAsync(register =>
        {
            var state = register.State;
            return state.Identities.TryGetValue(identityId, out var identity) && MaySee(actor, identity, state)
                ? select(actor, state).Take(page + 1).ToList()
                : null;
        }, context.RequestAborted);
        return items is null ? NotFound(identityId) : Results.Ok(Paging.Page(context, items, page, cursor));
    }

    /// <summary>
    /// True when the actor may list the identity's holds and instructions: investors their own
    /// identity, operators and unscoped auditors any, agents and scoped auditors an identity they
    /// may read or one with holds in their issuer's securities. Claim issuers none, as holds are not claims.
    /// </summary>
    private static bool MaySee(Actor actor, IdentityState identity, RegisterState state) => actor.Role switch
    {
        ActorRole.Investor => actor.ScopeId == identity.Id,
        ActorRole.ClaimIssuer => false,
        _ => MaySeeIdentity(actor, identity, state) || HasHoldsInScope(actor, identity.Id, state),
    };

    private static bool MaySeeIdentity(Actor actor, IdentityState identity, RegisterState state) =>
        actor.Role == ActorRole.Investor ? actor.ScopeId == identity.Id : ReadScope.CanReadIdentity(actor, identity, state);

    private static bool HasHoldsInScope(Actor actor, string identityId, RegisterState state) =>
        state.Market.HoldsByIdentity.TryGetValue(identityId, out var holds) && holds.Any(id => MayReadSecurity(actor, state.Market.Holds[id].SecurityId, state));

    private static IdentityOrderView View(OrderRecord order)
    {
        var minorUnits = CurrencyCode.Parse(order.Currency).MinorUnits ?? 0;
        return new IdentityOrderView(order.Id, order.SecurityId, order.AccountId, order.Side, order.Type, order.TimeInForce,
            order.Price?.Format(minorUnits), order.Currency, order.Quantity.Format(order.Decimals), order.Filled.Format(order.Decimals),
            order.Quantity.Minus(order.Filled).Format(order.Decimals), order.FilledValue.Format(minorUnits), order.Status, order.CancelReason,
            order.AcceptedAt, order.ClosedAt);
    }

    /// <summary>What the register shows about the caller and the identity, and how far the order history must catch up.</summary>
    private sealed record OrderListAccess(bool MaySeeIdentity, bool HasHoldsInScope, long LastSequence);

    /// <summary>Returns the ids after the cursor in ordinal order, or none when the identity has none.</summary>
    private static IEnumerable<string> IdsAfter(Dictionary<string, SortedSet<string>> index, string identityId, string? after)
    {
        if (!index.TryGetValue(identityId, out var ids))
        {
            return [];
        }

        return after is null ? ids : ids.Where(id => string.CompareOrdinal(id, after) > 0);
    }

    private static bool MayReadSecurity(Actor actor, string securityId, RegisterState state) =>
        actor.Role == ActorRole.Investor || ReadScope.CanReadRegister(actor, state.Securities[securityId].Definition.IssuerId);

    private static IResult? BadStatus(string? status, string[] allowed) =>
        status is null || allowed.Contains(status, StringComparer.Ordinal)
            ? null
            : ApiProblems.InvalidRequest($"status must be one of {string.Join(", ", allowed)}.", status);

    private static IResult NotFound(string identityId) =>
        ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.NotFound, "identity", "identity", identityId,
            $"No identity with id '{identityId}' is visible to this caller; check the id.") { Subject = identityId }]);
}
