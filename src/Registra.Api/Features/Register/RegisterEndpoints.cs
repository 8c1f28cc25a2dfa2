using Registra.Api.Json;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;

namespace Registra.Api.Features.Register;

public sealed record HolderView(string AccountId, string IdentityId, string Balance);

/// <param name="Held">Units reserved by holds, queued transfers and resting sell orders; only for the current position.</param>
/// <param name="Spendable">Balance less frozen and held units: what an ordinary transfer may move now.</param>
public sealed record PositionView(string SecurityId, string AccountId, string IdentityId, string Balance, string? Frozen, bool? AccountFrozen, DateTimeOffset? At,
    string? Held = null, string? Spendable = null);

/// <summary>Holder lists and positions, now or at any past instant (<c>?at=</c>).</summary>
public static class RegisterEndpoints
{
    public static RouteGroupBuilder MapRegister(this RouteGroupBuilder v1)
    {
        var security = v1.MapGroup("/securities/{securityId}").WithTags("Register");
        security.MapGet("/holders", Holders)
            .Documented<Page<HolderView>>("listHolders", 200, "List holders", "Returns the accounts with a balance, ordered by account id, now or at the past instant `at` (RFC 3339).", 400, 404);
        security.MapGet("/positions/{accountId}", Position)
            .Documented<PositionView>("getPosition", 200, "Get a position", "Returns the balance of one account, with the frozen part now, or the balance alone at the past instant `at`. Investors see their own accounts.", 400, 404);
        return v1;
    }

    private static async Task<IResult> Holders(string securityId, string? at, int? limit, string? after, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var (instant, problem) = ParseAt(at, clock.GetUtcNow());
        if (problem is not null)
        {
            return problem;
        }

        var actor = CommandGateway.ActorOf(context);
        var page = Paging.Limit(limit);
        var holders = await gateway.Engine.ReadAsync(register =>
        {
            if (!register.State.Securities.TryGetValue(securityId, out var security) || !ReadScope.CanReadRegister(actor, security.Definition.IssuerId))
            {
                return null;
            }

            var decimals = security.Definition.Decimals;
            var list = instant is { } when ? register.HoldersAt(securityId, when) : register.Holders(securityId);
            return list
                .Where(holder => after is null || string.CompareOrdinal(holder.AccountId, after) > 0)
                .Take(page + 1)
                .Select(holder => new HolderView(holder.AccountId, holder.IdentityId, holder.Balance.Format(decimals)))
                .ToList();
        }, context.RequestAborted);
        return holders is null ? SecurityEndpoints.NotFound(securityId) : Results.Ok(Paging.Page(context, holders, page, holder => holder.AccountId));
    }

    private static async Task<IResult> Position(string securityId, string accountId, string? at, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var (instant, problem) = ParseAt(at, clock.GetUtcNow());
        if (problem is not null)
        {
            return problem;
        }

        var actor = CommandGateway.ActorOf(context);
        var view = await gateway.Engine.ReadAsync(register =>
        {
            if (!register.State.Securities.TryGetValue(securityId, out var security) || !register.State.Accounts.TryGetValue(accountId, out var account))
            {
                return null;
            }

            var own = actor.Role == ActorRole.Investor && actor.ScopeId == account.IdentityId;
            if (!own && !ReadScope.CanReadRegister(actor, security.Definition.IssuerId))
            {
                return null;
            }

            var decimals = security.Definition.Decimals;
            var position = security.Positions.GetValueOrDefault(accountId);
            if (instant is { } when)
            {
                return new PositionView(securityId, accountId, account.IdentityId, register.BalanceAt(securityId, accountId, when).Format(decimals), null, null, when);
            }

            return new PositionView(securityId, accountId, account.IdentityId, (position?.Balance ?? default).Format(decimals),
                (position?.Frozen ?? default).Format(decimals), position?.IsFrozen ?? false, null,
                (position?.Held ?? default).Format(decimals), (position?.Spendable ?? default).Format(decimals));
        }, context.RequestAborted);
        return view is null
            ? ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.NotFound, "position", "position", $"{securityId}/{accountId}",
                "No such security and account are visible to this caller; check both ids.")])
            : Results.Ok(view);
    }

    /// <summary>Parses <c>at</c> as an RFC 3339 instant that is not in the future.</summary>
    internal static (DateTimeOffset? At, IResult? Problem) ParseAt(string? at, DateTimeOffset now)
    {
        if (at is null)
        {
            return (null, null);
        }

        if (!Rfc3339InstantConverter.TryParse(at, out var instant))
        {
            // A '+' in a query string arrives as a space unless it is percent-encoded.
            var plus = at.Contains(' ', StringComparison.Ordinal) ? " Percent-encode a '+' offset as %2B, or use Z." : "";
            return (null, ApiProblems.InvalidRequest(
                $"at must be an RFC 3339 instant with an offset, such as 2026-01-15T00:00:00Z, not '{at}'.{plus}", at));
        }

        instant = instant.ToUniversalTime();

        return Registra.Register.Register.CheckInstant(instant, now) is { } failure ? (null, ApiProblems.Rejected([failure])) : (instant, null);
    }
}
