using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Amounts;
using Registra.Api.Features.Register;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.CorporateActions.Waterfall;
using Registra.Identifiers;
using Registra.Reasons;
using Registra.Securities;

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

        var snapshot = await gateway.Engine.ReadAsync(register => ReadClasses(register, issuerId, input!.At), context.RequestAborted);
        var classes = new List<WaterfallClass>(snapshot.Count);
        var failures = new List<Failure>();
        foreach (var (definition, holdings) in snapshot)
        {
            var (terms, termFailures) = WaterfallTerms.Read(definition.Id, definition.Terms, input!.Currency);
            failures.AddRange(termFailures);
            if (terms is not null)
            {
                classes.Add(new WaterfallClass(definition.Id, definition.Name, definition.Decimals, terms, holdings));
            }
        }

        if (failures.Count > 0)
        {
            return ApiProblems.Rejected(failures);
        }

        if (!classes.Any(c => c.Holdings.Count > 0))
        {
            return ApiProblems.Rejected([new Failure(Reasons.Reasons.InvalidArgument, "waterfall", null, issuerId,
                $"No equity security of issuer '{issuerId}' has holders{(input!.At is null ? "" : " at the instant requested")}, so there is nobody to pay.") { Subject = issuerId }], StatusCodes.Status422UnprocessableEntity);
        }

        return Results.Ok(WaterfallResponse.Build(issuerId, input!, WaterfallModel.Create(classes, input!.Currency)));
    }

    /// <summary>Copies each equity security of the issuer with its holdings per identity, now or at the instant.</summary>
    private static List<(SecurityDefinition Definition, List<WaterfallHolding> Holdings)> ReadClasses(Registra.Register.Register register, string issuerId, DateTimeOffset? at)
    {
        var result = new List<(SecurityDefinition, List<WaterfallHolding>)>();
        foreach (var security in register.State.Securities.Values)
        {
            // NOTE: debt and other asset classes are left out; the exit amount is what remains for equity.
            if (security.Definition.IssuerId != issuerId || security.Definition.AssetClass != AssetClass.Equity)
            {
                continue;
            }

            var positions = at is { } when ? register.HoldersAt(security.Id, when) : register.Holders(security.Id);
            var holdings = positions
                .GroupBy(position => position.IdentityId, StringComparer.Ordinal)
                .Select(group => new WaterfallHolding(group.Key, group.Aggregate(Amount.Zero, (sum, position) => sum.Plus(position.Balance))))
                .ToList();
            result.Add((security.Definition, holdings));
        }

        return result;
    }
}
