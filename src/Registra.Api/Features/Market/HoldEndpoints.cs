using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Features.Movements;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Market;

namespace Registra.Api.Features.Market;

/// <summary>Holds (escrow) on units.</summary>
public static class HoldEndpoints
{
    public static RouteGroupBuilder MapHolds(this RouteGroupBuilder v1)
    {
        v1.MapPost("/securities/{securityId}/holds", Create).WithTags("Holds")
            .Documented<Receipt>("createHold", 201, "Hold units",
                "Reserves units of the sender for the receiver until the hold is executed, released or expires. Held units count against the spendable balance of every other movement.", 400, 403, 404, 409);
        v1.MapGet("/holds/{holdId}", Get).WithTags("Holds")
            .Documented<HoldView>("getHold", 200, "Get a hold", "Returns a hold with what is still held. Visible to the operator, the issuer's agents and auditors, and the investors on either side.", 404);
        v1.MapPost("/holds/{holdId}:execute", Execute).WithTags("Holds")
            .Documented<Receipt>("executeHold", 201, "Execute a hold",
                "Moves held units to the receiver as an ordinary transfer checked by every rule. A partial execution releases the rest unless `keepOpen` is true. The receiver or an agent with the transfer permission may execute; an expired hold cannot be executed.", 400, 403, 404, 409);
        v1.MapPost("/holds/{holdId}:release", (string holdId, HttpContext context, CommandGateway gateway) =>
            MovementEndpoints.Submit(context, gateway, new ReleaseHold(holdId))).WithTags("Holds")
            .Documented<Receipt>("releaseHold", 201, "Release a hold",
                "Ends a hold without moving units. The receiver or an agent may release it at any time, the sender once it has expired.", 403, 404, 409);
        return v1;
    }

    private static async Task<IResult> Create(string securityId, HoldRequest request, HttpContext context, CommandGateway gateway)
    {
        var (amount, problem) = await gateway.ParseAmountAsync(securityId, request.Amount, context.RequestAborted);
        return problem ?? await MovementEndpoints.Submit(context, gateway,
            new CreateHold(request.Id, securityId, request.From, request.To, amount, request.ExpiresAt));
    }

    private static async Task<IResult> Execute(string holdId, ExecuteHoldRequest? request, HttpContext context, CommandGateway gateway)
    {
        Amounts.Amount? amount = null;
        if (request?.Amount is { } text)
        {
            var securityId = await gateway.Engine.ReadAsync(r => r.State.Market.Holds.GetValueOrDefault(holdId)?.SecurityId, context.RequestAborted);
            if (securityId is null)
            {
                return NotFound(holdId);
            }

            var (parsed, problem) = await gateway.ParseAmountAsync(securityId, text, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }

            amount = parsed;
        }

        return await MovementEndpoints.Submit(context, gateway, new ExecuteHold(holdId, amount, request?.KeepOpen ?? false));
    }

    private static async Task<IResult> Get(string holdId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var view = await gateway.Engine.ReadAsync(register =>
        {
            var state = register.State;
            if (!state.Market.Holds.TryGetValue(holdId, out var hold))
            {
                return null;
            }

            var security = state.Securities[hold.SecurityId];
            var visible = actor.Role == ActorRole.Investor
                ? actor.ScopeId == state.Accounts[hold.FromAccountId].IdentityId || actor.ScopeId == state.Accounts[hold.ToAccountId].IdentityId
                : ReadScope.CanReadRegister(actor, security.Definition.IssuerId);
            return visible ? View(hold, state) : null;
        }, context.RequestAborted);
        return view is null ? NotFound(holdId) : Results.Ok(view);
    }

    internal static HoldView View(Hold hold, Registra.Register.RegisterState state)
    {
        var decimals = state.Securities[hold.SecurityId].Definition.Decimals;
        return new HoldView(hold.Id, hold.SecurityId, hold.FromAccountId, hold.ToAccountId, hold.Amount.Format(decimals),
            hold.Remaining.Format(decimals), hold.ExpiresAt, Status(hold.Status));
    }

    private static string Status(HoldStatus status) => status.ToString().ToLowerInvariant();

    private static IResult NotFound(string holdId) =>
        ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.NotFound, "hold", "hold", holdId, $"Check the hold id '{holdId}'.") { Subject = holdId }]);
}
