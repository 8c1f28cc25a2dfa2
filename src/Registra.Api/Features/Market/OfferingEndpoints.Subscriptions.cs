using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Market.Offerings;
using Registra.Reasons;

namespace Registra.Api.Features.Market;

public static partial class OfferingEndpoints
{
    private static void MapSubscriptions(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/offerings/{offeringId}/subscriptions").WithTags("Offerings");
        group.MapPost("", Subscribe)
            .Documented<SubscriptionView>("subscribe", 201, "Subscribe",
                "Subscribes the account's identity for a quantity while the window is open. The compliance rules judge it as an issuance to the account, and price times quantity moves from the identity's cash account into escrow. One subscription per identity; the investor itself or an agent with the supply permission may subscribe.",
                400, 403, 404, 409);
        group.MapGet("", ListSubscriptions)
            .Documented<Page<SubscriptionView>>("listSubscriptions", 200, "List subscriptions",
                "Returns the open subscriptions ordered by identity id. Investors see only their own.", 404);
        group.MapGet("/{identityId}", GetSubscription)
            .Documented<SubscriptionView>("getSubscription", 200, "Get a subscription", "Returns an identity's open subscription, with an ETag.", 404);
        group.MapPost("/{identityId}:amend", Amend)
            .Documented<SubscriptionView>("amendSubscription", 200, "Amend a subscription",
                "Changes the quantity while the window is open. Cash moves in or out of escrow by the difference, and a larger quantity moves the subscription to the back of the queue.",
                400, 403, 404, 409);
        group.MapPost("/{identityId}:withdraw", Withdraw)
            .Documented<WithdrawalReceipt>("withdrawSubscription", 200, "Withdraw a subscription",
                "Ends the subscription while the window is open and refunds its cash.", 403, 404, 409);
    }

    private static async Task<IResult> Subscribe(string offeringId, SubscriptionRequest request, HttpContext context, CommandGateway gateway)
    {
        var (outcome, problem) = await gateway.SubmitAsync(context, new Subscribe(offeringId, request.AccountId, request.Quantity));
        if (problem is not null)
        {
            return problem;
        }

        var identityId = outcome!.Result.CreatedId!;
        var view = await ReadSubscriptionAsync(gateway, offeringId, identityId, context);
        return Results.Created($"/v1/offerings/{offeringId}/subscriptions/{identityId}", view);
    }

    private static async Task<IResult> Amend(string offeringId, string identityId, AmendSubscriptionRequest request, HttpContext context,
        CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new AmendSubscription(offeringId, identityId, request.Quantity));
        return problem ?? Results.Ok(await ReadSubscriptionAsync(gateway, offeringId, identityId, context));
    }

    private static async Task<IResult> Withdraw(string offeringId, string identityId, HttpContext context, CommandGateway gateway)
    {
        var (outcome, problem) = await gateway.SubmitAsync(context, new WithdrawSubscription(offeringId, identityId));
        if (problem is not null)
        {
            return problem;
        }

        var withdrawn = outcome!.Result.Events.OfType<Events.SubscriptionWithdrawn>().Single();
        var refunded = await gateway.Engine.ReadAsync(register =>
            OfferingFormat.Of(register, register.State.Market.Offerings[offeringId]).Money(new Amounts.Amount(withdrawn.Refund)), context.RequestAborted);
        return Results.Ok(new WithdrawalReceipt(offeringId, identityId, refunded, outcome.FirstSequence, outcome.BlockHeight));
    }

    private static async Task<IResult> ListSubscriptions(string offeringId, HttpContext context, CommandGateway gateway, int? limit, string? after)
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
            return offering.Subscriptions.Values
                .Where(s => MaySee(actor, s.IdentityId) && (after is null || string.CompareOrdinal(s.IdentityId, after) > 0))
                .OrderBy(s => s.IdentityId, StringComparer.Ordinal)
                .Take(page + 1)
                .Select(s => format.Subscription(offering.Id, s))
                .ToList();
        }, context.RequestAborted);
        return items is null ? NotFound(offeringId) : Results.Ok(Paging.Page(context, items, page, view => view.IdentityId));
    }

    private static async Task<IResult> GetSubscription(string offeringId, string identityId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var view = await gateway.Engine.ReadAsync(register =>
            Visible(register, offeringId, actor) is { } offering && MaySee(actor, identityId) && offering.Subscriptions.TryGetValue(identityId, out var subscription)
                ? OfferingFormat.Of(register, offering).Subscription(offeringId, subscription)
                : null, context.RequestAborted);
        if (view is null)
        {
            return ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "offering", "subscription", identityId,
                $"Identity {identityId} has no open subscription to offering {offeringId} that you may read.") { Subject = identityId }]);
        }

        context.Response.Headers.ETag = ETags.Of(view);
        return Results.Ok(view);
    }

    /// <summary>Reads a subscription just written by the caller's own command, so it exists.</summary>
    private static Task<SubscriptionView> ReadSubscriptionAsync(CommandGateway gateway, string offeringId, string identityId, HttpContext context) =>
        gateway.Engine.ReadAsync(register =>
        {
            var offering = register.State.Market.Offerings[offeringId];
            return OfferingFormat.Of(register, offering).Subscription(offeringId, offering.Subscriptions[identityId]);
        }, context.RequestAborted);
}
