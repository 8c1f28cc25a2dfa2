using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Events;

namespace Registra.Api.Features.Movements;

/// <summary>Issuance, redemption, transfers, forced transfers, freezes and recoveries.</summary>
public static class MovementEndpoints
{
    public static RouteGroupBuilder MapMovements(this RouteGroupBuilder v1)
    {
        var security = v1.MapGroup("/securities/{securityId}").WithTags("Movements");
        security.MapPost("/issuances", Issue)
            .Documented<Receipt>("issue", 201, "Issue units", "Creates units on an account, within the supply cap.", 400, 403, 404, 409);
        security.MapPost("/redemptions", Redeem)
            .Documented<Receipt>("redeem", 201, "Redeem units", "Removes units from an account and from the supply.", 400, 403, 404, 409);
        security.MapPost("/transfers", Transfer)
            .Documented<Receipt>("transfer", 201, "Transfer units", "Moves units between accounts after every compliance rule passes. A rejection lists every failed rule. Answers 202 when the transfer waits for the issuer's approval.", 400, 403, 404, 409)
            .Produces<Receipt>(StatusCodes.Status202Accepted);
        security.MapPost("/transfers:check", Check)
            .Documented<CheckResult>("checkTransfer", 200, "Check a transfer", "Runs every check of a transfer without moving units and returns all failures; `allowed` is true when there are none.", 400, 404);
        security.MapPost("/transfers:batch", Batch)
            .Documented<Receipt>("transferBatch", 201, "Transfer in a batch", "Moves units in several legs atomically: either every leg settles or none does.", 400, 403, 404, 409)
            .Produces<Receipt>(StatusCodes.Status202Accepted);
        security.MapPost("/forced-transfers", ForcedTransfer)
            .Documented<Receipt>("forceTransfer", 201, "Force a transfer", "Moves units as the issuer's agent, for court orders and recoveries. Receiver-side rules are skipped only with an override reason, which the ledger records.", 400, 403, 404, 409);
        security.MapPost("/freezes", Freeze)
            .Documented<Receipt>("freeze", 201, "Freeze an account or amount", "Freezes the whole account for this security, or only `amount` of its balance when given.", 400, 403, 404, 409);
        security.MapPost("/unfreezes", Unfreeze)
            .Documented<Receipt>("unfreeze", 201, "Unfreeze an account or amount", "Lifts an account freeze, or unfreezes `amount` when given.", 400, 403, 404, 409);
        v1.MapPost("/accounts/{accountId}:recover", Recover).WithTags("Movements")
            .Documented<Receipt>("recoverAccount", 201, "Recover an account", "Moves every position of a lost account to a new account of the same identity and closes the old one.", 400, 403, 404, 409);
        return v1;
    }

    private static async Task<IResult> Issue(string securityId, IssuanceRequest request, HttpContext context, CommandGateway gateway)
    {
        var (amount, problem) = await gateway.ParseAmountAsync(securityId, request.Amount, context.RequestAborted);
        return problem ?? await Submit(context, gateway, new Issue(securityId, request.AccountId, amount));
    }

    private static async Task<IResult> Redeem(string securityId, RedemptionRequest request, HttpContext context, CommandGateway gateway)
    {
        var (amount, problem) = await gateway.ParseAmountAsync(securityId, request.Amount, context.RequestAborted);
        return problem ?? await Submit(context, gateway, new Redeem(securityId, request.AccountId, amount));
    }

    private static async Task<IResult> Transfer(string securityId, TransferRequest request, HttpContext context, CommandGateway gateway)
    {
        var (amount, problem) = await gateway.ParseAmountAsync(securityId, request.Amount, context.RequestAborted);
        return problem ?? await Submit(context, gateway, new Transfer(securityId, request.From, request.To, amount));
    }

    private static async Task<IResult> Check(string securityId, TransferRequest request, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var (amount, problem) = await gateway.ParseAmountAsync(securityId, request.Amount, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        // A caller outside the security's issuer learns nothing about it, not even that it exists.
        var actor = CommandGateway.ActorOf(context);
        if (await gateway.IssuerOfAsync(securityId, context.RequestAborted) is not { } issuerId || !ReadScope.CanRead(actor, issuerId))
        {
            return SecurityEndpoints.NotFound(securityId);
        }

        var transfer = new Transfer(securityId, request.From, request.To, amount) { Actor = actor };
        var failures = await gateway.Engine.ReadAsync(register => register.CheckTransfer(transfer, clock.GetUtcNow()), context.RequestAborted);
        return Results.Ok(new CheckResult(failures.Count == 0, failures.Select(ApiProblems.ToJson).ToList()));
    }

    private static async Task<IResult> Batch(string securityId, BatchTransferRequest request, HttpContext context, CommandGateway gateway)
    {
        var legs = new List<TransferLeg>(request.Transfers.Count);
        foreach (var transfer in request.Transfers)
        {
            var (amount, problem) = await gateway.ParseAmountAsync(securityId, transfer.Amount, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }

            legs.Add(new TransferLeg(transfer.From, transfer.To, amount));
        }

        return await Submit(context, gateway, new BatchTransfer(securityId, legs));
    }

    private static async Task<IResult> ForcedTransfer(string securityId, ForcedTransferRequest request, HttpContext context, CommandGateway gateway)
    {
        var (amount, problem) = await gateway.ParseAmountAsync(securityId, request.Amount, context.RequestAborted);
        return problem ?? await Submit(context, gateway, new ForcedTransfer(securityId, request.From, request.To, amount, request.OverrideReason));
    }

    private static async Task<IResult> Freeze(string securityId, FreezeRequest request, HttpContext context, CommandGateway gateway)
    {
        if (request.Amount is null)
        {
            return await Submit(context, gateway, new FreezeAccount(securityId, request.AccountId));
        }

        var (amount, problem) = await gateway.ParseAmountAsync(securityId, request.Amount, context.RequestAborted);
        return problem ?? await Submit(context, gateway, new FreezeAmount(securityId, request.AccountId, amount));
    }

    private static async Task<IResult> Unfreeze(string securityId, FreezeRequest request, HttpContext context, CommandGateway gateway)
    {
        if (request.Amount is null)
        {
            return await Submit(context, gateway, new UnfreezeAccount(securityId, request.AccountId));
        }

        var (amount, problem) = await gateway.ParseAmountAsync(securityId, request.Amount, context.RequestAborted);
        return problem ?? await Submit(context, gateway, new UnfreezeAmount(securityId, request.AccountId, amount));
    }

    private static Task<IResult> Recover(string accountId, RecoveryRequest request, HttpContext context, CommandGateway gateway) =>
        Submit(context, gateway, new RecoverAccount(accountId, request.NewAccountId));

    /// <summary>
    /// Submits the command and responds 201 with the receipt, or 202 when a transfer waits in the
    /// approval queue: just queued, or approved by an approver while it needs more approvals.
    /// </summary>
    internal static async Task<IResult> Submit(HttpContext context, CommandGateway gateway, RegisterCommand command)
    {
        var (outcome, problem) = await gateway.SubmitAsync(context, command);
        if (problem is not null)
        {
            return problem;
        }

        var waiting = outcome!.Result.Events.FirstOrDefault() switch
        {
            TransferQueued queued => queued.TransferId,
            TransferApprovalRecorded approval => approval.TransferId,
            _ => null,
        };
        var receipt = new Receipt(waiting is null ? "settled" : "queued", outcome.FirstSequence, outcome.BlockHeight, outcome.Result.CreatedId);
        return waiting is null
            ? Results.Created($"/v1/ledger/events/{outcome.FirstSequence}/proof", receipt)
            : Results.Accepted($"/v1/queued-transfers/{waiting}", receipt);
    }
}
