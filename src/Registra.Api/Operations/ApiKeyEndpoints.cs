using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Registra.Access;
using Registra.Api.Auth;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Ledger.Access;
using Registra.Reasons;

namespace Registra.Api.Operations;

/// <summary>API key management for operators: create, list, revoke and rotate. A full key is returned only when it is created.</summary>
public static class ApiKeyEndpoints
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/api-keys").WithTags("API keys").AddEndpointFilter(RequireOperator).AddEndpointFilter(KeepSecretsOutOfJournal);
        keys.MapPost("", Create)
            .Documented<ApiKeyResponse>("createApiKey", 201, "Create an API key",
                "Creates a key for a role, scope and permissions. The response is the only place the full key appears; only its hash is stored.", 400, 403);
        keys.MapGet("", List)
            .Documented<Page<ApiKeyResponse>>("listApiKeys", 200, "List API keys",
                "Lists key records in id order, revoked and expired ones included, never their secrets.", 403);
        keys.MapDelete("/{id}", Revoke)
            .DocumentedNoContent("revokeApiKey", "Revoke an API key", "Revokes the key at once; revoking it again changes nothing.", 403, 404);
        keys.MapPost("/{id}:rotate", Rotate)
            .Documented<ApiKeyResponse>("rotateApiKey", 201, "Rotate an API key",
                "Creates a new key with the same role, scope and permissions; the old key keeps working until the overlap ends.", 403, 404);
        return v1;
    }

    // A response with a full key may be kept in memory for a retry, but never written to the journal store.
    private static ValueTask<object?> KeepSecretsOutOfJournal(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        IdempotencyMiddleware.KeepResponseInMemoryOnly(invocation.HttpContext);
        return next(invocation);
    }

    private static async ValueTask<object?> RequireOperator(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var actor = CommandGateway.ActorOf(invocation.HttpContext);
        if (actor.Role == ActorRole.Operator)
        {
            return await next(invocation);
        }

        return ApiProblems.Rejected([new Failure(Reasons.Reasons.PermissionDenied, "role", "operator", actor.Role.ToString(),
            "Only an operator may manage API keys; ask an operator for a key.") { Subject = actor.Id }]);
    }

    private static IResult Create(CreateApiKeyRequest request, HttpContext context, ApiKeyCache keys, ILogger<ApiKeyCache> logger)
    {
        if (Validate(request) is { } problem)
        {
            return problem;
        }

        var permissions = (request.Permissions ?? []).Aggregate(Permissions.None, (all, one) => all | one);
        var (record, key) = keys.Change(registry => registry.Create(request.Name.Trim(), request.Role, request.Scope, permissions));
        OperationsLog.ApiKeyChanged(logger, record.Id, record.Role.ToString(), "created", CommandGateway.ActorOf(context).Id);
        return Results.Created($"/v1/api-keys/{record.Id}", ApiKeyResponse.From(record) with { Key = key });
    }

    private static IResult List(HttpContext context, ApiKeyCache keys, int? limit, string? after)
    {
        var size = Paging.Limit(limit);
        var items = keys.Registry.List()
            .Where(record => after is null || string.CompareOrdinal(record.Id, after) > 0)
            .Take(size + 1)
            .Select(ApiKeyResponse.From)
            .ToList();
        return Results.Ok(Paging.Page(context, items, size, key => key.Id));
    }

    private static IResult Revoke(string id, HttpContext context, ApiKeyCache keys, ILogger<ApiKeyCache> logger)
    {
        var record = keys.Registry.Find(id);
        if (record is null)
        {
            return NotFound(id);
        }

        // Revoking twice keeps the first revocation time.
        if (record.RevokedAt is null)
        {
            keys.Change(registry => registry.Revoke(id));
            OperationsLog.ApiKeyChanged(logger, id, record.Role.ToString(), "revoked", CommandGateway.ActorOf(context).Id);
        }

        return Results.NoContent();
    }

    private static IResult Rotate(string id, HttpContext context, ApiKeyCache keys, ApiOptions options, ILogger<ApiKeyCache> logger)
    {
        var old = keys.Registry.Find(id);
        if (old is null)
        {
            return NotFound(id);
        }

        if (old.RevokedAt is not null)
        {
            return ApiProblems.InvalidRequest($"The API key {id} is revoked and cannot be rotated; create a new key instead.", id);
        }

        var (record, key) = keys.Change(registry => registry.Rotate(id, options.ApiKeyRotationOverlap))!.Value;
        var expiresAt = keys.Registry.Find(id)?.ExpiresAt;
        OperationsLog.ApiKeyChanged(logger, id, old.Role.ToString(), "rotated to " + record.Id, CommandGateway.ActorOf(context).Id);
        return Results.Created($"/v1/api-keys/{record.Id}",
            ApiKeyResponse.From(record) with { Key = key, Replaces = id, ReplacedKeyExpiresAt = expiresAt });
    }

    private static IResult? Validate(CreateApiKeyRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            return ApiProblems.InvalidRequest($"The name must have 1 to {MaxNameLength} characters; name the key after its user, such as \"acme back office\".", request.Name);
        }

        var needsScope = request.Role is ActorRole.IssuerAgent or ActorRole.ClaimIssuer or ActorRole.Investor;
        if (needsScope && string.IsNullOrWhiteSpace(request.Scope))
        {
            return ApiProblems.InvalidRequest(
                "A key for an issuer agent, claim issuer or investor needs a scope: the issuer id, claim issuer id or identity id it acts for.", null);
        }

        if (request.Role is ActorRole.Operator && request.Scope is not null)
        {
            return ApiProblems.InvalidRequest("An operator key has no scope; leave out the scope field.", request.Scope);
        }

        // NOTE: the scope is not checked against existing issuers or identities, so a key for an unknown id can be created and reaches nothing.
        if (request.Permissions is { Count: > 0 } && request.Role is not ActorRole.IssuerAgent)
        {
            return ApiProblems.InvalidRequest("Only issuer agent keys carry permissions; leave out the permissions field for this role.", null);
        }

        return null;
    }

    private static IResult NotFound(string id) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "api_key", "API key", id,
            $"No API key has the id '{id}'; list the keys with GET /v1/api-keys.") { Subject = id }]);
}

/// <summary>Body of <c>POST /v1/api-keys</c>.</summary>
/// <param name="Scope">Issuer id for an issuer agent, claim issuer id for a claim issuer, identity id for an investor, optional issuer id for an auditor.</param>
/// <param name="Permissions">For issuer agents: any of supply, transfer, freeze, compliance, actions, documents.</param>
public sealed record CreateApiKeyRequest(string Name, ActorRole Role, string? Scope = null, IReadOnlyList<Permissions>? Permissions = null);

/// <summary>An API key as listed: never the secret, except <see cref="Key"/> in the response that creates it.</summary>
public sealed record ApiKeyResponse(
    string Id,
    string Name,
    ActorRole Role,
    string? Scope,
    IReadOnlyList<Permissions> Permissions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The full key, present only in the create and rotate responses.</summary>
    public string? Key { get; init; }

    /// <summary>Id of the key this one replaces, in a rotate response.</summary>
    public string? Replaces { get; init; }

    /// <summary>When the replaced key stops working, in a rotate response.</summary>
    public DateTimeOffset? ReplacedKeyExpiresAt { get; init; }

    public static ApiKeyResponse From(ApiKeyRecord record) => new(
        record.Id,
        record.Name,
        record.Role,
        record.ScopeId,
        Enum.GetValues<Permissions>().Where(flag => flag != Access.Permissions.None && record.Permissions.HasFlag(flag)).ToList(),
        record.CreatedAt,
        record.RevokedAt,
        record.ExpiresAt);
}
