using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.CorporateActions.Waterfall;
using Registra.Reasons;

namespace Registra.Api.Features.CorporateActions;

/// <summary>
/// Liquidation waterfalls over an issuer's equity classes. Read-only: nothing is recorded.
/// Operators, the issuer's agents and auditors of the issuer may run them.
/// </summary>
public static class WaterfallEndpoints
{
    private const string Description =
        "Computes each equity class's payout (and, for exitAmount, each holder's) for an exit value from the classes' terms: seniority, liquidation_preference_multiple, invested_amount or price_per_share, participating, participation_cap_multiple and conversion_ratio. " +
        "Send exitAmount, exitValues (up to 1000) or exitRange for a chart-ready series. Positions are the current ones, or those at the past instant `at`. Nothing is recorded.";

    public static RouteGroupBuilder MapWaterfalls(this RouteGroupBuilder v1)
    {
        v1.MapPost("/issuers/{issuerId}/waterfalls", ForIssuer).WithTags("Corporate actions")
            .Documented<WaterfallView>("computeIssuerWaterfall", 200, "Compute a liquidation waterfall", Description, 400, 403, 404, 422);
        v1.MapPost("/securities/{securityId}/waterfalls", ForSecurity).WithTags("Corporate actions")
            .Documented<WaterfallView>("computeSecurityWaterfall", 200, "Compute the waterfall of a security's issuer",
                "The same waterfall as POST /v1/issuers/{issuerId}/waterfalls for the issuer of this security: every equity class of the issuer takes part, not this security alone.", 400, 403, 404, 422);
        return v1;
    }

    private static async Task<IResult> ForSecurity(string securityId, WaterfallRequest request, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var actor = CommandGateway.ActorOf(context);
        var issuerId = await gateway.IssuerOfAsync(securityId, context.RequestAborted);
        if (issuerId is null || !ReadScope.CanRead(actor, issuerId))
        {
            return SecurityEndpoints.NotFound(securityId);
        }

        return await ComputeAsync(issuerId, request, context, gateway, clock);
    }

    private static async Task<IResult> ForIssuer(string issuerId, WaterfallRequest request, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var actor = CommandGateway.ActorOf(context);
        var exists = await gateway.Engine.ReadAsync(register => register.State.Issuers.ContainsKey(issuerId), context.RequestAborted);
        if (!exists || !ReadScope.CanRead(actor, issuerId))
        {
            return ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "issuer", "issuer", issuerId,
                $"No issuer with id '{issuerId}' is visible to this caller; check the id.") { Subject = issuerId }]);
        }

        return await ComputeAsync(issuerId, request, context, gateway, clock);
    }

    private static async Task<IResult> ComputeAsync(string issuerId, WaterfallRequest request, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var actor = CommandGateway.ActorOf(context);
        if (!ReadScope.CanReadRegister(actor, issuerId))
        {
            return ApiProblems.Rejected([new Failure(Reasons.Reasons.PermissionDenied, "waterfall", "register read", actor.Role.ToString(),
                "A waterfall shows every holder's payout, so only operators, the issuer's agents and auditors may compute it.") { Subject = issuerId }]);
        }

        var (input, problem) = WaterfallInput.Parse(request, clock.GetUtcNow());
        if (problem is not null)
        {
            return problem;
        }

        var (classes, failures) = await gateway.Engine.ReadAsync(register => RegisterClasses.Read(register, issuerId, input!.At, input.Currency), context.RequestAborted);
        if (failures.Count > 0)
        {
            return ApiProblems.Rejected(failures);
        }

        if (!classes.Any(c => c.Holdings.Count > 0))
        {
            return ApiProblems.Rejected([new Failure(Reasons.Reasons.InvalidArgument, "waterfall", null, issuerId,
                $"No equity security of issuer '{issuerId}' has holders{(input!.At is null ? "" : " at the instant requested")}, so no waterfall can be computed; issue units first or choose another instant.") { Subject = issuerId }], StatusCodes.Status422UnprocessableEntity);
        }

        return Results.Ok(WaterfallResponse.Build(issuerId, input!, WaterfallModel.Create(classes, input!.Currency)));
    }
}
