using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Market.Offerings;
using Registra.Reasons;

namespace Registra.Api.Features.Market;

/// <summary>Primary offerings: open, subscribe, amend, withdraw, close with allocation, cancel, and the reads.</summary>
public static partial class OfferingEndpoints
{
    public static RouteGroupBuilder MapOfferings(this RouteGroupBuilder v1)
    {
        v1.MapPost("/securities/{securityId}/offerings", Open).WithTags("Offerings")
            .Documented<OfferingView>("openOffering", 201, "Open an offering",
                "Opens a primary offering of new units: window, price and currency, cap, per investor limits, lot size and an optional minimum raise. Needs the supply permission and an issuer operating cash account in the currency, which receives the proceeds.",
                400, 403, 404, 409);
        v1.MapGet("/securities/{securityId}/offerings", List).WithTags("Offerings")
            .Documented<Page<OfferingView>>("listOfferings", 200, "List offerings",
                "Returns the security's offerings ordered by id. Totals of subscriptions are shown only to callers who may read the register.", 404);
        v1.MapGet("/offerings/{offeringId}", Get).WithTags("Offerings")
            .Documented<OfferingView>("getOffering", 200, "Get an offering", "Returns the terms, status and totals, with an ETag.", 404);
        v1.MapPost("/offerings/{offeringId}:close", Close).WithTags("Offerings")
            .Documented<OfferingCloseReceipt>("closeOffering", 200, "Close an offering",
                "Allocates (pro rata in whole lots when oversubscribed), issues the units, pays the issuer and refunds the rest in one block, or changes nothing. From closesAt on, or before it with `early`. Subscribers who fail compliance at close are refunded in full and listed.",
                400, 403, 404, 409);
        v1.MapPost("/offerings/{offeringId}:cancel", Cancel).WithTags("Offerings")
            .Documented<OfferingView>("cancelOffering", 200, "Cancel an offering", "Cancels an open offering and refunds every subscription.", 403, 404, 409);
        v1.MapGet("/offerings/{offeringId}/allocations", ListAllocations).WithTags("Offerings")
            .Documented<Page<AllocationView>>("listAllocations", 200, "List allocations",
                "Returns every subscriber's outcome of a closed offering ordered by identity id, a page at a time. Investors see only their own.", 404);
        MapSubscriptions(v1);
        return v1;
    }

    private static async Task<IResult> Open(string securityId, OfferingRequest request, HttpContext context, CommandGateway gateway)
    {
        var command = new OpenOffering(securityId, request.Id, request.Currency, request.Price, request.Cap, request.OpensAt, request.ClosesAt,
            request.MinPerInvestor, request.MaxPerInvestor, request.MinimumRaise, request.LotSize);
        var (outcome, problem) = await gateway.SubmitAsync(context, command);
        if (problem is not null)
        {
            return problem;
        }

        var id = outcome!.Result.CreatedId!;
        var view = await ReadAsync(gateway, id, CommandGateway.ActorOf(context), context);
        return Results.Created($"/v1/offerings/{id}", view);
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

            return register.State.Market.Offerings.Values
                .Where(o => o.SecurityId == securityId && (after is null || string.CompareOrdinal(o.Id, after) > 0))
                .OrderBy(o => o.Id, StringComparer.Ordinal)
                .Take(page + 1)
                .Select(o => OfferingFormat.Of(register, o).View(o, ReadScope.CanReadRegister(actor, security.Definition.IssuerId)))
                .ToList();
        }, context.RequestAborted);
        return items is null ? SecurityEndpoints.NotFound(securityId) : Results.Ok(Paging.Page(context, items, page, view => view.Id));
    }

    private static async Task<IResult> Get(string offeringId, HttpContext context, CommandGateway gateway)
    {
        var view = await ReadAsync(gateway, offeringId, CommandGateway.ActorOf(context), context);
        if (view is null)
        {
            return NotFound(offeringId);
        }

        context.Response.Headers.ETag = ETags.Of(view);
        return Results.Ok(view);
    }

    private static async Task<IResult> Close(string offeringId, CloseOfferingRequest? request, HttpContext context, CommandGateway gateway)
    {
        var (outcome, problem) = await gateway.SubmitAsync(context, new CloseOffering(offeringId, request?.Early ?? false));
        if (problem is not null)
        {
            return problem;
        }

        var actor = CommandGateway.ActorOf(context);
        var receipt = await gateway.Engine.ReadAsync(register =>
        {
            var offering = register.State.Market.Offerings[offeringId];
            var format = OfferingFormat.Of(register, offering);
            var ineligible = offering.Allocations.Where(a => a.Outcome == AllocationOutcome.Ineligible).Select(format.Allocation).ToList();
            return new OfferingCloseReceipt(format.View(offering, showTotals: true), ineligible, outcome!.FirstSequence, outcome.BlockHeight);
        }, context.RequestAborted);
        return Results.Ok(receipt);
    }

    private static async Task<IResult> Cancel(string offeringId, HttpContext context, CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new CancelOffering(offeringId));
        return problem ?? Results.Ok(await ReadAsync(gateway, offeringId, CommandGateway.ActorOf(context), context));
    }

    private static async Task<IResult> ListAllocations(string offeringId, HttpContext context, CommandGateway gateway, int? limit, string? after)
    {
        var actor = CommandGateway.ActorOf(context);
        var page = Paging.Limit(limit);
        var items = await gateway.Engine.ReadAsync(register =>
        {
            if (Visible(register, offeringId, actor) is not { } offering)
            {
                return null;
            }

            var format = OfferingFormat.Of(register, offering);
            return offering.Allocations
                .Where(a => MaySee(actor, a.IdentityId) && (after is null || string.CompareOrdinal(a.IdentityId, after) > 0))
                .Take(page + 1)
                .Select(format.Allocation)
                .ToList();
        }, context.RequestAborted);
        return items is null ? NotFound(offeringId) : Results.Ok(Paging.Page(context, items, page, view => view.IdentityId));
    }

    /// <summary>Returns the offering's view when the caller may read its security, with totals only for register readers.</summary>
    private static Task<OfferingView?> ReadAsync(CommandGateway gateway, string offeringId, Actor actor, HttpContext context) =>
        gateway.Engine.ReadAsync(register =>
        {
            if (!register.State.Market.Offerings.TryGetValue(offeringId, out var offering))
            {
                return null;
            }

            var issuerId = register.State.Securities[offering.SecurityId].Definition.IssuerId;
            return ReadScope.CanRead(actor, issuerId)
                ? OfferingFormat.Of(register, offering).View(offering, ReadScope.CanReadRegister(actor, issuerId))
                : null;
        }, context.RequestAborted);

    /// <summary>
    /// Returns the offering when the caller may see its subscriptions or allocations: investors their
    /// own, and callers who may read the security's register all of them.
    /// </summary>
    private static Offering? Visible(Registra.Register.Register register, string offeringId, Actor actor)
    {
        if (!register.State.Market.Offerings.TryGetValue(offeringId, out var offering))
        {
            return null;
        }

        var issuerId = register.State.Securities[offering.SecurityId].Definition.IssuerId;
        return actor.Role == ActorRole.Investor || ReadScope.CanReadRegister(actor, issuerId) ? offering : null;
    }

    /// <summary>True when the caller may read the identity's subscription or allocation: an investor only its own, every other caller that passes <see cref="Visible"/> all.</summary>
    private static bool MaySee(Actor actor, string identityId) => actor.Role != ActorRole.Investor || actor.ScopeId == identityId;

    private static IResult NotFound(string offeringId) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "offering", "offering", offeringId, $"Check the offering id '{offeringId}'.") { Subject = offeringId }]);
}
