using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Compliance;
using Registra.Reasons;

namespace Registra.Api.Features.Securities;

/// <summary>Issuers, securities, their rule sets and trusted claim issuers.</summary>
public static class SecurityEndpoints
{
    public static RouteGroupBuilder MapSecurities(this RouteGroupBuilder v1)
    {
        v1.MapPost("/issuers", CreateIssuer).WithTags("Securities")
            .Documented<IssuerView>("createIssuer", 201, "Create an issuer", "Registers the legal entity that issues securities. Operators only.", 400, 403, 409);
        v1.MapGet("/issuers", ListIssuers).WithTags("Securities")
            .Documented<Page<IssuerView>>("listIssuers", 200, "List issuers", "Returns the issuers the caller may read, ordered by id, in one page.");

        var securities = v1.MapGroup("/securities").WithTags("Securities");
        securities.MapPost("/", CreateSecurity)
            .Documented<SecurityView>("createSecurity", 201, "Create a security", "Creates a security of the issuer; the server derives the id from the issuer and the name. The decimals never change afterwards.", 400, 403, 404, 409);
        securities.MapGet("/", ListSecurities)
            .Documented<Page<SecurityView>>("listSecurities", 200, "List securities", "Returns the securities the caller may read, ordered by id. Pass `next` from the previous page to continue.");
        securities.MapGet("/{securityId}", GetSecurity)
            .Documented<SecurityView>("getSecurity", 200, "Get a security", "Returns the definition, supply, status and trusted claim issuers, with an ETag.", 404);
        securities.MapGet("/{securityId}/rules", GetRules)
            .Documented<RulesView>("getRules", 200, "Get the compliance rules", "Returns the rule set and its version; the ETag is the version to send in If-Match when replacing it.", 404);
        securities.MapPut("/{securityId}/rules", ReplaceRules)
            .Documented<RulesView>("replaceRules", 200, "Replace the compliance rules", "Replaces the whole rule set. Requires If-Match with the ETag from getRules; a stale version is rejected with 412.", 400, 403, 404, 412, 428);
        securities.MapPost("/{securityId}/rules:applyPreset", ApplyPreset)
            .Documented<RulesView>("applyRulePreset", 200, "Add the rules of a preset", "Expands a named preset (such as reg_d or reg_s) with its parameters and appends its rules to the rule set.", 400, 403, 404, 412);
        securities.MapPost("/{securityId}/trusted-issuers", AddTrustedIssuer)
            .Documented<SecurityView>("addTrustedIssuer", 200, "Trust a claim issuer", "Accepts claims from this claim issuer when checking investors of the security.", 400, 403, 404, 409);
        securities.MapPost("/{securityId}:pause", (string securityId, HttpContext context, CommandGateway gateway) =>
            SubmitNoContent(context, gateway, new PauseSecurity(securityId)))
            .DocumentedNoContent("pauseSecurity", "Pause a security", "Stops every movement of units until the security is unpaused.", 403, 404, 409);
        securities.MapPost("/{securityId}:unpause", (string securityId, HttpContext context, CommandGateway gateway) =>
            SubmitNoContent(context, gateway, new UnpauseSecurity(securityId)))
            .DocumentedNoContent("unpauseSecurity", "Unpause a security", "Lets units move again.", 403, 404, 409);
        securities.MapDocuments();
        return v1;
    }

    private static async Task<IResult> CreateIssuer(CreateIssuerRequest request, HttpContext context, CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new CreateIssuer(request.Id, request.Name, request.Lei));
        return problem ?? Results.Created($"/v1/issuers/{request.Id}", new IssuerView(request.Id, request.Name, request.Lei));
    }

    private static async Task<IResult> ListIssuers(HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var issuers = await gateway.Engine.ReadAsync(register => register.State.Issuers.Values
            .Where(issuer => ReadScope.CanRead(actor, issuer.Id))
            .OrderBy(issuer => issuer.Id, StringComparer.Ordinal)
            .Select(issuer => new IssuerView(issuer.Id, issuer.Name, issuer.Lei))
            .ToList(), context.RequestAborted);
        return Results.Ok(new { items = issuers });
    }

    private static async Task<IResult> CreateSecurity(CreateSecurityRequest request, HttpContext context, CommandGateway gateway)
    {
        Amounts.Amount? cap = null;
        if (request.SupplyCap is not null)
        {
            var parsed = Amounts.Amount.Parse(request.SupplyCap, Math.Clamp(request.Decimals, 0, Amounts.Amount.MaxDecimals));
            if (!parsed.IsValid)
            {
                return ApiProblems.InvalidRequest($"supplyCap '{request.SupplyCap}': {parsed.Error}", request.SupplyCap);
            }

            cap = parsed.Amount;
        }

        var command = new CreateSecurity(request.IssuerId, request.Name, request.AssetClass, request.Decimals, cap, request.Symbol,
            request.Identifiers, request.Terms);
        var (outcome, problem) = await gateway.SubmitAsync(context, command);
        if (problem is not null)
        {
            return problem;
        }

        var id = outcome!.Result.CreatedId!;
        gateway.Remember(id, request.Decimals);
        var view = await gateway.Engine.ReadAsync(register => SecurityView.Of(register.State.Securities[id]), context.RequestAborted);
        return Results.Created($"/v1/securities/{id}", view);
    }

    private static async Task<IResult> ListSecurities(HttpContext context, CommandGateway gateway, int? limit, string? after)
    {
        var actor = CommandGateway.ActorOf(context);
        var page = Paging.Limit(limit);
        var items = await gateway.Engine.ReadAsync(register => register.State.Securities.Values
            .Where(security => ReadScope.CanRead(actor, security.Definition.IssuerId))
            .Where(security => after is null || string.CompareOrdinal(security.Id, after) > 0)
            .OrderBy(security => security.Id, StringComparer.Ordinal)
            .Take(page + 1)
            .Select(SecurityView.Of)
            .ToList(), context.RequestAborted);
        return Results.Ok(Paging.Page(context, items, page, view => view.Id));
    }

    private static async Task<IResult> GetSecurity(string securityId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var view = await gateway.Engine.ReadAsync(register =>
            register.State.Securities.TryGetValue(securityId, out var security) && ReadScope.CanRead(actor, security.Definition.IssuerId)
                ? SecurityView.Of(security)
                : null, context.RequestAborted);
        if (view is null)
        {
            return NotFound(securityId);
        }

        context.Response.Headers.ETag = ETags.Of(view);
        return Results.Ok(view);
    }

    private static async Task<IResult> GetRules(string securityId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var rules = await gateway.Engine.ReadAsync(register =>
            register.State.Securities.TryGetValue(securityId, out var security) && ReadScope.CanRead(actor, security.Definition.IssuerId)
                ? new RulesView(security.Rules.Version, security.Rules.Rules)
                : null, context.RequestAborted);
        if (rules is null)
        {
            return NotFound(securityId);
        }

        context.Response.Headers.ETag = ETags.OfVersion(rules.Version);
        return Results.Ok(rules);
    }

    private static async Task<IResult> ReplaceRules(string securityId, ReplaceRulesRequest request, HttpContext context, CommandGateway gateway)
    {
        if (ETags.ParseVersion(context.Request.Headers.IfMatch.ToString()) is not { } expected)
        {
            return ApiProblems.Rejected([new Failure(Reasons.Reasons.PreconditionRequired, "if_match", "ETag", null,
                $"Send If-Match with the ETag from GET /v1/securities/{securityId}/rules, so a concurrent change is not overwritten.")]);
        }

        var (_, problem) = await gateway.SubmitAsync(context, new SetRules(securityId, request.Rules, expected));
        return problem ?? await GetRules(securityId, context, gateway);
    }

    private static async Task<IResult> ApplyPreset(string securityId, ApplyPresetRequest request, HttpContext context, CommandGateway gateway)
    {
        var expanded = Presets.Expand(request.Preset, request.Parameters);
        if (expanded.Error is not null)
        {
            return ApiProblems.InvalidRequest(expanded.Error, request.Preset);
        }

        var current = await gateway.Engine.ReadAsync(register =>
            register.State.Securities.TryGetValue(securityId, out var security) ? security.Rules : null, context.RequestAborted);
        if (current is null)
        {
            return NotFound(securityId);
        }

        var (_, problem) = await gateway.SubmitAsync(context, new SetRules(securityId, [.. current.Rules, .. expanded.Rules], current.Version));
        return problem ?? await GetRules(securityId, context, gateway);
    }

    private static async Task<IResult> AddTrustedIssuer(string securityId, TrustedIssuerRequest request, HttpContext context, CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new AddTrustedIssuer(securityId, request.ClaimIssuerId));
        return problem ?? await GetSecurity(securityId, context, gateway);
    }

    internal static async Task<IResult> SubmitNoContent(HttpContext context, CommandGateway gateway, RegisterCommand command)
    {
        var (_, problem) = await gateway.SubmitAsync(context, command);
        return problem ?? Results.NoContent();
    }

    internal static IResult NotFound(string securityId) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "security", "security", securityId,
            $"No security with id '{securityId}' is visible to this caller; check the id.") { Subject = securityId }]);
}
