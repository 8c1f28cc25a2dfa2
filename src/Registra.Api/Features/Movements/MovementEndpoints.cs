using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Events;

namespace Registra.Api.Features.Movements;

/// <summary>Issuance, redemption, transfers, forced transfers, freezes, recoveries and approvals.</summary>
public static class MovementEndpoints
{
    public static RouteGroupBuilder MapMovements(this RouteGroupBuilder v1)
    {
        var security = v1.MapGroup("/securities/{securityId}").WithTags("Movements");
        security.MapPost("/issuances", Issue);
        security.MapPost("/redemptions", Redeem);
        security.MapPost("/transfers", Transfer);
        security.MapPost("/transfers:check", Check);
        security.MapPost("/transfers:batch", Batch);
        security.MapPost("/forced-transfers", ForcedTransfer);
        security.MapPost("/freezes", Freeze);
        security.MapPost("/unfreezes", Unfreeze);
        v1.MapPost("/accounts/{accountId}:recover", Recover).WithTags("Movements");
        v1.MapPost("/queued-transfers/{transferId}:approve", (string transferId, HttpContext context, CommandGateway gateway) =>
            Submit(context, gateway, new ApproveTransfer(transferId))).WithTags("Movements");
        v1.MapPost("/queued-transfers/{transferId}:deny", (string transferId, DenyRequest request, HttpContext context, CommandGateway gateway) =>
            Submit(context, gateway, new DenyTransfer(transferId, request.Reason))).WithTags("Movements");
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

        var transfer = new Transfer(securityId, request.From, request.To, amount) { Actor = CommandGateway.ActorOf(context) };
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

    /// <summary>Submits and answers 201 with the receipt, or 202 when the transfer waits in the approval queue.</summary>
    internal static async Task<IResult> Submit(HttpContext context, CommandGateway gateway, RegisterCommand command)
    {
        var (outcome, problem) = await gateway.SubmitAsync(context, command);
        if (problem is not null)
        {
            return problem;
        }

        var queued = outcome!.Result.Events.OfType<TransferQueued>().FirstOrDefault();
        var receipt = new Receipt(queued is null ? "settled" : "queued", outcome.FirstSequence, outcome.BlockHeight, outcome.Result.CreatedId);
        return queued is null
            ? Results.Created($"/v1/ledger/events/{outcome.FirstSequence}", receipt)
            : Results.Accepted($"/v1/queued-transfers/{queued.TransferId}", receipt);
    }
}
