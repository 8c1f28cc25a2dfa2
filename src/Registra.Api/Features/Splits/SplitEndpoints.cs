using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Features.Movements;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.CorporateActions.StockEvents;
using Registra.Identifiers;

namespace Registra.Api.Features.Splits;

/// <summary>Splits, reverse splits and stock dividends, with cash in lieu of fractions.</summary>
public static class SplitEndpoints
{
    public static RouteGroupBuilder MapSplits(this RouteGroupBuilder v1)
    {
        var security = v1.MapGroup("/securities/{securityId}").WithTags("Stock events");
        security.MapPost("/splits", Split)
            .Documented<Receipt>("createSplit", 201, "Split the security",
                "Multiplies every balance by numerator/denominator now, rounding each down. Fractions of the smallest unit are owed in cash at `cashInLieu`, which is required when any arise. Frozen amounts, lots, queued transfers, the supply cap and rule limits in units scale too. Needs the actions permission.",
                400, 403, 404, 409);
        security.MapGet("/splits", (string securityId, HttpContext context, CommandGateway gateway) => List(securityId, StockEventKind.Split, context, gateway))
            .Documented<Page<StockEventView>>("listSplits", 200, "List splits", "Returns the security's splits in the order they took effect, in one page.", 404);
        security.MapPost("/stock-dividends", StockDividend)
            .Documented<Receipt>("createStockDividend", 201, "Issue a stock dividend",
                "Issues numerator new units for every denominator units held at `recordAt`, which must have passed, rounding each account's share down and owing the fraction in cash at `cashInLieu`. Needs the actions permission.",
                400, 403, 404, 409);
        security.MapGet("/stock-dividends", (string securityId, HttpContext context, CommandGateway gateway) => List(securityId, StockEventKind.StockDividend, context, gateway))
            .Documented<Page<StockEventView>>("listStockDividends", 200, "List stock dividends", "Returns the security's stock dividends in the order they took effect, in one page.", 404);
        return v1;
    }

    private static async Task<IResult> Split(string securityId, SplitRequest request, HttpContext context, CommandGateway gateway)
    {
        var (price, problem) = ParsePrice(request.CashInLieu);
        return problem ?? await MovementEndpoints.Submit(context, gateway, new SplitSecurity(securityId, request.Numerator, request.Denominator, price));
    }

    private static async Task<IResult> StockDividend(string securityId, StockDividendRequest request, HttpContext context, CommandGateway gateway)
    {
        var (price, problem) = ParsePrice(request.CashInLieu);
        return problem ?? await MovementEndpoints.Submit(context, gateway,
            new DeclareStockDividend(securityId, request.Numerator, request.Denominator, request.RecordAt, price));
    }

    /// <summary>Parses the price with the currency's minor units; a missing price is null.</summary>
    private static (CashInLieuPrice? Price, IResult? Problem) ParsePrice(CashInLieuRequest? request)
    {
        if (request is null)
        {
            return (null, null);
        }

        if (!CurrencyCode.TryParse(request.Currency, out var currency) || currency.MinorUnits is not { } minorUnits)
        {
            return (null, ApiProblems.InvalidRequest(
                $"cashInLieu.currency must be an ISO 4217 code with minor units, such as USD, not '{request.Currency}'.", request.Currency));
        }

        var (amount, failure) = global::Registra.Register.Register.ParseAmount(request.Price, minorUnits);
        return failure is null
            ? (new CashInLieuPrice(currency.Value, amount.Units), null)
            : (null, ApiProblems.Rejected([failure with { Rule = "cashInLieu.price" }]));
    }

    private static async Task<IResult> List(string securityId, StockEventKind kind, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var items = await gateway.Engine.ReadAsync(register =>
        {
            if (!register.State.Securities.TryGetValue(securityId, out var security) || !ReadScope.CanRead(actor, security.Definition.IssuerId))
            {
                return null;
            }

            // Entries name accounts: register readers see all, investors their own, everyone else none.
            var seesAll = ReadScope.CanReadRegister(actor, security.Definition.IssuerId);
            bool Show(string accountId) => seesAll
                || (actor.Role == ActorRole.Investor && register.State.Accounts.TryGetValue(accountId, out var account) && account.IdentityId == actor.ScopeId);

            return register.State.StockEvents.Values
                .Where(record => record.SecurityId == securityId && record.Kind == kind)
                .OrderBy(record => record.At)
                .ThenBy(record => record.Id, StringComparer.Ordinal)
                .Select(record => StockEventView.Of(record, security.Definition.Decimals, Show))
                .ToList();
        }, context.RequestAborted);
        return items is null ? SecurityEndpoints.NotFound(securityId) : Results.Ok(new Page<StockEventView>(items, null));
    }
}
