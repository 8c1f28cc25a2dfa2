using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.CorporateActions.Distributions;
using Registra.Reasons;

namespace Registra.Api.Features.Distributions;

/// <summary>Cash distributions of a security: announce, pay, claim, reclaim, cancel and the reconciliation report.</summary>
public static partial class DistributionEndpoints
{
    public static RouteGroupBuilder MapDistributions(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/securities/{securityId}").WithTags("Distributions");
        group.MapPost("/distributions", Announce)
            .Documented<DistributionView>("announceDistribution", 201, "Announce a distribution",
                "Announces a dividend, coupon, revenue share or fund distribution with its record and payment instants, amount, currency, withholding and exclusions. Needs the actions permission.",
                400, 403, 404, 409);
        group.MapGet("/distributions", List)
            .Documented<Page<DistributionView>>("listDistributions", 200, "List distributions",
                "Returns the security's distributions, coupons and redemption ordered by id.", 404);
        group.MapGet("/distributions/{distributionId}", Get)
            .Documented<DistributionView>("getDistribution", 200, "Get a distribution", "Returns the terms, status and totals.", 404);
        group.MapPost("/distributions/{distributionId}:pay", (string securityId, string distributionId, HttpContext context, CommandGateway gateway) =>
                Act(securityId, distributionId, new PayDistribution(distributionId), context, gateway))
            .Documented<DistributionView>("payDistribution", 200, "Pay a distribution",
                "Pays once, at or after the payment instant, on the balances at the record instant, from the issuer's operating cash account. Holders without a cash account in the currency are held as unclaimed.",
                403, 404, 409);
        group.MapPost("/distributions/{distributionId}:claim", (string securityId, string distributionId, ClaimRequest request, HttpContext context,
                CommandGateway gateway) => Act(securityId, distributionId, new ClaimDistribution(distributionId, request.IdentityId), context, gateway))
            .Documented<DistributionView>("claimDistribution", 200, "Claim a held payout",
                "Credits a holder's held net amount to its cash account, before the claim deadline. The investor itself may claim.", 400, 403, 404, 409);
        group.MapPost("/distributions/{distributionId}:reclaim", (string securityId, string distributionId, HttpContext context, CommandGateway gateway) =>
                Act(securityId, distributionId, new ReclaimDistribution(distributionId), context, gateway))
            .Documented<DistributionView>("reclaimDistribution", 200, "Reclaim unclaimed payouts",
                "From the claim deadline on, returns every amount still held to the issuer's operating cash account.", 403, 404, 409);
        group.MapPost("/distributions/{distributionId}:cancel", (string securityId, string distributionId, HttpContext context, CommandGateway gateway) =>
                Act(securityId, distributionId, new CancelDistribution(distributionId), context, gateway))
            .Documented<DistributionView>("cancelDistribution", 200, "Cancel a distribution", "Cancels a distribution that is announced and not paid.", 403, 404, 409);
        group.MapGet("/distributions/{distributionId}/report", Report)
            .Documented<DistributionReport>("getDistributionReport", 200, "Get the reconciliation report",
                "Returns gross, withheld, net paid, unclaimed, claimed and reclaimed totals and the payouts per holder ordered by identity id, a page at a time. Investors see only their own payout.",
                404);
        MapCoupons(v1, group);
        return v1;
    }

    private static async Task<IResult> Announce(string securityId, AnnounceDistributionRequest request, HttpContext context, CommandGateway gateway)
    {
        var command = new AnnounceDistribution(securityId, request.Kind, request.Currency, request.Basis, request.Amount, request.RecordAt,
            request.PaymentAt, request.ClaimUntil, request.Withholding?.DefaultPercent, request.Withholding?.ByJurisdiction,
            request.Withholding?.ByIdentity, request.Excluded, request.Id, request.Reference);
        var (outcome, problem) = await gateway.SubmitAsync(context, command);
        if (problem is not null)
        {
            return problem;
        }

        var id = outcome!.Result.CreatedId!;
        var view = await ReadAsync(gateway, securityId, id, CommandGateway.ActorOf(context), context);
        return Results.Created($"/v1/securities/{securityId}/distributions/{id}", view);
    }

    private static async Task<IResult> List(string securityId, HttpContext context, CommandGateway gateway, int? limit, string? after)
    {
        var actor = CommandGateway.ActorOf(context);
        var page = Paging.Limit(limit);
        var items = await gateway.Engine.ReadAsync(register =>
        {
            if (!register.State.Securities.TryGetValue(securityId, out var security) || !ReadScope.CanRead(actor, security.Definition.IssuerId))
            {
                return null;
            }

            return register.State.Distributions.Values
                .Where(d => d.Terms.SecurityId == securityId && (after is null || string.CompareOrdinal(d.Id, after) > 0))
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .Take(page + 1)
                .Select(d => DistributionView.Of(d, security.Definition.Decimals, MinorUnits(register, d)))
                .ToList();
        }, context.RequestAborted);
        return items is null ? SecurityEndpoints.NotFound(securityId) : Results.Ok(Paging.Page(context, items, page, view => view.Id));
    }

    private static async Task<IResult> Get(string securityId, string distributionId, HttpContext context, CommandGateway gateway)
    {
        var view = await ReadAsync(gateway, securityId, distributionId, CommandGateway.ActorOf(context), context);
        return view is null ? NotFound(distributionId) : Results.Ok(view);
    }

    private static async Task<IResult> Act(string securityId, string distributionId, RegisterCommand command, HttpContext context, CommandGateway gateway)
    {
        // A distribution of another security is reported as not found, like an unknown id.
        var actor = CommandGateway.ActorOf(context);
        if (await ReadAsync(gateway, securityId, distributionId, actor, context) is null)
        {
            return NotFound(distributionId);
        }

        var (_, problem) = await gateway.SubmitAsync(context, command);
        return problem ?? Results.Ok(await ReadAsync(gateway, securityId, distributionId, actor, context));
    }

    private static async Task<IResult> Report(string securityId, string distributionId, HttpContext context, CommandGateway gateway,
        int? limit, string? after)
    {
        var actor = CommandGateway.ActorOf(context);
        var page = Paging.Limit(limit);
        var report = await gateway.Engine.ReadAsync(register =>
        {
            if (Visible(register, securityId, distributionId, actor) is not { } distribution)
            {
                return ((DistributionView View, List<PayoutView> Payouts)?)null;
            }

            var decimals = register.State.Securities[securityId].Definition.Decimals;
            var minorUnits = MinorUnits(register, distribution);
            var payouts = PayoutsPage(distribution, actor, after, page + 1)
                .Select(payout => PayoutView.Of(payout, decimals, minorUnits))
                .ToList();
            return (View: DistributionView.Of(distribution, decimals, minorUnits), Payouts: payouts);
        }, context.RequestAborted);
        if (report is null)
        {
            return NotFound(distributionId);
        }

        var payoutPage = Paging.Page(context, report.Value.Payouts, page, (PayoutView payout) => payout.IdentityId);
        return Results.Ok(new DistributionReport(report.Value.View, payoutPage.Items, payoutPage.Next));
    }

    /// <summary>Returns up to <paramref name="count"/> payouts after the cursor; an investor gets only its own.</summary>
    private static IEnumerable<HolderPayout> PayoutsPage(DistributionState distribution, Actor actor, string? after, int count)
    {
        if (actor.Role == ActorRole.Investor)
        {
            var own = distribution.IndexOf(actor.ScopeId ?? string.Empty);
            return own >= 0 && (after is null || string.CompareOrdinal(distribution.Payouts[own].IdentityId, after) > 0)
                ? [distribution.Payouts[own]]
                : [];
        }

        var start = 0;
        if (after is not null)
        {
            start = distribution.IndexOf(after);
            start = start >= 0 ? start + 1 : distribution.Payouts.FindIndex(p => string.CompareOrdinal(p.IdentityId, after) > 0);
            start = start < 0 ? distribution.Payouts.Count : start;
        }

        return distribution.Payouts.Skip(start).Take(count);
    }

    private static Task<DistributionView?> ReadAsync(CommandGateway gateway, string securityId, string distributionId, Actor actor, HttpContext context) =>
        gateway.Engine.ReadAsync(register => Visible(register, securityId, distributionId, actor) is { } distribution
            ? DistributionView.Of(distribution, register.State.Securities[securityId].Definition.Decimals, MinorUnits(register, distribution))
            : null, context.RequestAborted);

    private static DistributionState? Visible(Registra.Register.Register register, string securityId, string distributionId, Actor actor) =>
        register.State.Distributions.TryGetValue(distributionId, out var distribution)
        && distribution.Terms.SecurityId == securityId
        && ReadScope.CanRead(actor, distribution.IssuerId)
        && actor.Role != ActorRole.ClaimIssuer
            ? distribution
            : null;

    private static int MinorUnits(Registra.Register.Register register, DistributionState distribution) =>
        Identifiers.CurrencyCode.Parse(distribution.Terms.Currency).MinorUnits ?? 0;

    internal static IResult NotFound(string distributionId) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "distribution", "distribution", distributionId,
            $"No distribution with id '{distributionId}' of this security is visible to this caller; check the ids.") { Subject = distributionId }]);
}
