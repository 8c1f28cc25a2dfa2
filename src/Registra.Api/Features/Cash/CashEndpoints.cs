using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Cash;
using Registra.Reasons;

namespace Registra.Api.Features.Cash;

/// <summary>
/// Cash accounts per identity and issuer, in ISO 4217 minor units. Deposits and withdrawals record
/// money that moved through the platform's bank account; distributions and redemptions move the rest.
/// </summary>
public static class CashEndpoints
{
    public static RouteGroupBuilder MapCash(this RouteGroupBuilder v1)
    {
        var cash = v1.MapGroup("/cash/accounts").WithTags("Cash");
        cash.MapPost("/", OpenAccount)
            .Documented<CashAccountView>("openCashAccount", 201, "Open a cash account",
                "Opens an account in one currency for an identity (operators, or the investor itself) or for an issuer's operating or tax account (operators, or the issuer's agents with the actions permission).",
                400, 403, 404, 409);
        cash.MapGet("/", ListAccounts)
            .Documented<Page<CashAccountView>>("listCashAccounts", 200, "List cash accounts",
                "Returns the cash accounts the caller may read, ordered by currency, owner kind and owner id. Filter with ownerKind (identity, issuer or issuer_tax) and ownerId.",
                400);
        cash.MapGet("/{ownerKind}/{ownerId}/{currency}", GetAccount)
            .Documented<CashAccountView>("getCashAccount", 200, "Get a cash account", "Returns the current balance of one account.", 400, 404);
        cash.MapPost("/{ownerKind}/{ownerId}/{currency}/deposits", (string ownerKind, string ownerId, string currency, CashMovementRequest request,
                HttpContext context, CommandGateway gateway) => Move(ownerKind, ownerId, currency, request, context, gateway, deposit: true))
            .Documented<CashAccountView>("depositCash", 200, "Record a deposit",
                "Records money received for the account. Operators may deposit into any account, issuer agents with the actions permission into their issuer's accounts.",
                400, 403, 404, 409);
        cash.MapPost("/{ownerKind}/{ownerId}/{currency}/withdrawals", (string ownerKind, string ownerId, string currency, CashMovementRequest request,
                HttpContext context, CommandGateway gateway) => Move(ownerKind, ownerId, currency, request, context, gateway, deposit: false))
            .Documented<CashAccountView>("withdrawCash", 200, "Record a withdrawal",
                "Records money paid out of the account; rejected with insufficient_cash when the balance is smaller. The same callers as deposits may withdraw.",
                400, 403, 404, 409);
        return v1;
    }

    private static async Task<IResult> OpenAccount(OpenCashAccountRequest request, HttpContext context, CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new OpenCashAccount(request.OwnerKind, request.OwnerId, request.Currency));
        if (problem is not null)
        {
            return problem;
        }

        var key = new CashAccountKey(request.OwnerKind, request.OwnerId, request.Currency.Trim().ToUpperInvariant());
        var view = await ReadAsync(gateway, key, context);
        return Results.Created($"/v1/cash/accounts/{CashAccountKey.KindName(key.Kind)}/{key.OwnerId}/{key.Currency}", view);
    }

    private static async Task<IResult> ListAccounts(HttpContext context, CommandGateway gateway, string? ownerKind, string? ownerId,
        int? limit, string? after)
    {
        CashOwnerKind? kind = null;
        if (ownerKind is not null)
        {
            kind = ParseKind(ownerKind);
            if (kind is null)
            {
                return BadKind(ownerKind);
            }
        }

        var actor = CommandGateway.ActorOf(context);
        var page = Paging.Limit(limit);
        var items = await gateway.Engine.ReadAsync(register => register.State.Cash.Ledgers.Values
            .SelectMany(ledger => ledger.All.Select(account => (Account: account, ledger.MinorUnits)))
            .Where(pair => CanRead(actor, pair.Account.Key))
            .Where(pair => kind is null || pair.Account.Key.Kind == kind)
            .Where(pair => ownerId is null || pair.Account.Key.OwnerId == ownerId)
            .Select(pair => (Cursor: Cursor(pair.Account.Key), View: CashAccountView.Of(pair.Account, pair.MinorUnits)))
            .Where(pair => after is null || string.CompareOrdinal(pair.Cursor, after) > 0)
            .OrderBy(pair => pair.Cursor, StringComparer.Ordinal)
            .Take(page + 1)
            .ToList(), context.RequestAborted);
        var result = Paging.Page(context, items, page, pair => pair.Cursor);
        return Results.Ok(new Page<CashAccountView>([.. result.Items.Select(pair => pair.View)], result.Next));
    }

    private static async Task<IResult> GetAccount(string ownerKind, string ownerId, string currency, HttpContext context, CommandGateway gateway)
    {
        if (ParseKey(ownerKind, ownerId, currency) is not { } key)
        {
            return BadKind(ownerKind);
        }

        var actor = CommandGateway.ActorOf(context);
        var view = CanRead(actor, key) ? await ReadAsync(gateway, key, context) : null;
        return view is null ? Missing(key) : Results.Ok(view);
    }

    private static async Task<IResult> Move(string ownerKind, string ownerId, string currency, CashMovementRequest request, HttpContext context,
        CommandGateway gateway, bool deposit)
    {
        if (ParseKey(ownerKind, ownerId, currency) is not { } key)
        {
            return BadKind(ownerKind);
        }

        var (code, minorUnits, currencyFailure) = CashBook.ParseCurrency(key.Currency);
        if (currencyFailure is not null)
        {
            return ApiProblems.Rejected([currencyFailure]);
        }

        var (amount, amountFailure) = CashBook.ParseAmount(request.Amount, minorUnits);
        if (amountFailure is not null)
        {
            return ApiProblems.Rejected([amountFailure]);
        }

        key = key with { Currency = code };
        Registra.Commands.RegisterCommand command = deposit
            ? new DepositCash(key.Kind, key.OwnerId, key.Currency, amount, request.Reference ?? string.Empty)
            : new WithdrawCash(key.Kind, key.OwnerId, key.Currency, amount, request.Reference ?? string.Empty);
        var (_, problem) = await gateway.SubmitAsync(context, command);
        return problem ?? Results.Ok(await ReadAsync(gateway, key, context));
    }

    /// <summary>
    /// True when the actor may read the account: operators and unscoped auditors every account,
    /// issuer agents and scoped auditors their issuer's accounts, investors their own identity's.
    /// </summary>
    internal static bool CanRead(Actor actor, CashAccountKey key) => actor.Role switch
    {
        ActorRole.Operator => true,
        ActorRole.Auditor when actor.ScopeId is null => true,
        ActorRole.Auditor or ActorRole.IssuerAgent => key.Kind != CashOwnerKind.Identity && key.OwnerId == actor.ScopeId,
        ActorRole.Investor => key.Kind == CashOwnerKind.Identity && key.OwnerId == actor.ScopeId,
        _ => false,
    };

    private static Task<CashAccountView?> ReadAsync(CommandGateway gateway, CashAccountKey key, HttpContext context) =>
        gateway.Engine.ReadAsync(register =>
            register.State.Cash.Find(key) is { } account ? CashAccountView.Of(account, register.State.Cash.Ledgers[key.Currency].MinorUnits) : null,
            context.RequestAborted);

    private static CashAccountKey? ParseKey(string ownerKind, string ownerId, string currency) =>
        ParseKind(ownerKind) is { } kind ? new CashAccountKey(kind, ownerId, currency.ToUpperInvariant()) : null;

    private static CashOwnerKind? ParseKind(string ownerKind) => ownerKind switch
    {
        "identity" => CashOwnerKind.Identity,
        "issuer" => CashOwnerKind.Issuer,
        "issuer_tax" => CashOwnerKind.IssuerTax,
        _ => null,
    };

    private static string Cursor(CashAccountKey key) => $"{key.Currency}/{CashAccountKey.KindName(key.Kind)}/{key.OwnerId}";

    private static IResult BadKind(string ownerKind) =>
        ApiProblems.InvalidRequest($"The owner kind '{ownerKind}' is invalid; use identity, issuer or issuer_tax.", ownerKind);

    private static IResult Missing(CashAccountKey key) => ApiProblems.Rejected([CashBook.MissingAccount(key) with
    {
        Hint = $"No {key} cash account is visible to this caller; check the owner and currency, or open the account.",
    }]);
}
