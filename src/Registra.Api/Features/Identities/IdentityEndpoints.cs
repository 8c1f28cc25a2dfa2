using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Reasons;

namespace Registra.Api.Features.Identities;

/// <summary>Identities, their accounts and claims, and claim issuers.</summary>
public static class IdentityEndpoints
{
    public static RouteGroupBuilder MapIdentities(this RouteGroupBuilder v1)
    {
        var identities = v1.MapGroup("/identities").WithTags("Identities");
        identities.MapPost("/", Create)
            .Documented<IdentityView>("createIdentity", 201, "Create an identity", "Registers an investor identity and opens the listed accounts. When an account fails, the identity and the accounts before it stay.", 400, 403, 409);
        identities.MapGet("/{identityId}", Get)
            .Documented<IdentityView>("getIdentity", 200, "Get an identity", "Returns the identity with its accounts and claims. Investors see only their own identity.", 404);
        identities.MapPost("/{identityId}/accounts", AddAccount)
            .Documented<IdentityView>("addAccount", 201, "Open an account", "Opens another account (wallet) for the identity.", 400, 403, 404, 409);
        identities.MapPost("/{identityId}/claims", AddClaim)
            .Documented<IdentityView>("addClaim", 201, "Add a claim", "Adds a claim such as kyc or accredited, signed off by a claim issuer. validFrom defaults to now.", 400, 403, 404, 409);
        identities.MapPost("/{identityId}/claims/{claimId}:revoke", RevokeClaim)
            .Documented<IdentityView>("revokeClaim", 200, "Revoke a claim", "Marks the claim revoked; checks stop accepting it at once.", 403, 404, 409);
        v1.MapPost("/claim-issuers", CreateClaimIssuer).WithTags("Identities")
            .Documented<ClaimIssuerView>("createClaimIssuer", 201, "Create a claim issuer", "Registers a KYC provider or other party whose claims securities may trust.", 400, 403, 409);
        v1.MapGet("/claim-issuers", ListClaimIssuers).WithTags("Identities")
            .Documented<Page<ClaimIssuerView>>("listClaimIssuers", 200, "List claim issuers", "Returns every claim issuer, ordered by id, in one page.");
        return v1;
    }

    private static async Task<IResult> Create(CreateIdentityRequest request, HttpContext context, CommandGateway gateway)
    {
        var commands = new List<RegisterCommand> { new RegisterIdentity(request.Id, request.Kind, request.Name) };
        commands.AddRange((request.Accounts ?? []).Select(account => new AddAccount(request.Id, account)));
        var actor = CommandGateway.ActorOf(context);

        // The identity and its accounts are separate commands; the first failure is returned with what did succeed left in place.
        foreach (var command in commands)
        {
            var (_, problem) = await gateway.SubmitAsync(context, command with { Actor = actor });
            if (problem is not null)
            {
                return problem;
            }
        }

        return Results.Created($"/v1/identities/{request.Id}", await Read(request.Id, gateway, context));
    }

    private static async Task<IResult> Get(string identityId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var view = await gateway.Engine.ReadAsync(register =>
            register.State.Identities.TryGetValue(identityId, out var identity) && ReadScope.CanReadIdentity(actor, identity, register.State)
                ? IdentityView.Of(identity, register.State)
                : null, context.RequestAborted);
        if (view is null)
        {
            return NotFound(identityId);
        }

        context.Response.Headers.ETag = ETags.Of(view);
        return Results.Ok(view);
    }

    private static async Task<IResult> AddAccount(string identityId, AddAccountRequest request, HttpContext context, CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new AddAccount(identityId, request.Id));
        return problem ?? Results.Created($"/v1/identities/{identityId}", await Read(identityId, gateway, context));
    }

    private static async Task<IResult> AddClaim(string identityId, AddClaimRequest request, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var command = new AddClaim(identityId, request.Id, request.Type, request.Value, request.ClaimIssuerId,
            request.ValidFrom ?? clock.GetUtcNow(), request.ValidUntil);
        var (_, problem) = await gateway.SubmitAsync(context, command);
        return problem ?? Results.Created($"/v1/identities/{identityId}", await Read(identityId, gateway, context));
    }

    private static async Task<IResult> RevokeClaim(string identityId, string claimId, HttpContext context, CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new RevokeClaim(identityId, claimId));
        return problem ?? Results.Ok(await Read(identityId, gateway, context));
    }

    private static async Task<IResult> CreateClaimIssuer(CreateClaimIssuerRequest request, HttpContext context, CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new RegisterClaimIssuer(request.Id, request.Name));
        return problem ?? Results.Created($"/v1/claim-issuers/{request.Id}", new ClaimIssuerView(request.Id, request.Name));
    }

    private static async Task<IResult> ListClaimIssuers(HttpContext context, CommandGateway gateway)
    {
        var items = await gateway.Engine.ReadAsync(register => register.State.ClaimIssuers
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new ClaimIssuerView(pair.Key, pair.Value))
            .ToList(), context.RequestAborted);
        return Results.Ok(new Page<ClaimIssuerView>(items, null));
    }

    private static Task<IdentityView?> Read(string identityId, CommandGateway gateway, HttpContext context) =>
        gateway.Engine.ReadAsync(register =>
            register.State.Identities.TryGetValue(identityId, out var identity) ? IdentityView.Of(identity, register.State) : null,
            context.RequestAborted);

    private static IResult NotFound(string identityId) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "identity", "identity", identityId,
            $"No identity with id '{identityId}' is visible to this caller; check the id.") { Subject = identityId }]);
}
