using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Api.Features.Movements;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Market.Settlement;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Api.Features.Market;

/// <summary>Multi-leg settlement instructions: create, affirm, withdraw, settle, cancel.</summary>
public static class SettlementEndpoints
{
    public static RouteGroupBuilder MapSettlement(this RouteGroupBuilder v1)
    {
        var instructions = v1.MapGroup("/settlement-instructions").WithTags("Settlement");
        instructions.MapPost("", Create)
            .Documented<Receipt>("createInstruction", 201, "Create a settlement instruction",
                "Creates a multi-leg instruction between any accounts. The parties are the identities of every sending and receiving account; each must affirm, and the mediator too when one is named, before it can settle.", 400, 403, 404, 409);
        instructions.MapGet("/{instructionId}", Get)
            .Documented<InstructionView>("getInstruction", 200, "Get a settlement instruction", "Returns the legs, parties, affirmations and status. Visible to the operator, the parties and mediator, and the agents and auditors of every leg's issuer.", 404);
        instructions.MapPost("/{instructionId}:affirm", (string instructionId, AffirmRequest request, HttpContext context, CommandGateway gateway) =>
            MovementEndpoints.Submit(context, gateway, new AffirmInstruction(instructionId, request.PartyId)))
            .Documented<Receipt>("affirmInstruction", 201, "Affirm an instruction", "Records the affirmation of one party; an investor affirms only for its own identity.", 400, 403, 404, 409);
        instructions.MapPost("/{instructionId}:withdraw", (string instructionId, AffirmRequest request, HttpContext context, CommandGateway gateway) =>
            MovementEndpoints.Submit(context, gateway, new WithdrawAffirmation(instructionId, request.PartyId)))
            .Documented<Receipt>("withdrawAffirmation", 201, "Withdraw an affirmation", "Withdraws a party's affirmation before the instruction settles, which stops it from settling.", 400, 403, 404, 409);
        instructions.MapPost("/{instructionId}:settle", (string instructionId, HttpContext context, CommandGateway gateway) =>
            MovementEndpoints.Submit(context, gateway, new SettleInstruction(instructionId)))
            .Documented<Receipt>("settleInstruction", 201, "Settle an instruction",
                "Moves every leg in one block, or none. A rejection names the failing leg (`legs[i]` in each failure's subject) with its reason; the instruction stays open and can be settled again until it expires.", 403, 404, 409);
        instructions.MapPost("/{instructionId}:cancel", (string instructionId, HttpContext context, CommandGateway gateway) =>
            MovementEndpoints.Submit(context, gateway, new CancelInstruction(instructionId)))
            .Documented<Receipt>("cancelInstruction", 201, "Cancel an instruction", "Cancels an open instruction. The mediator may, or without one any party or its creator.", 403, 404, 409);
        return v1;
    }

    private static async Task<IResult> Create(InstructionRequest request, HttpContext context, CommandGateway gateway)
    {
        var legs = new List<SettlementLeg>(request.Legs.Count);
        foreach (var leg in request.Legs)
        {
            if ((leg.SecurityId is null) == (leg.Currency is null))
            {
                return ApiProblems.InvalidRequest("Each leg names either a securityId (units between accounts) or a currency (cash between identities).");
            }

            if (leg.Currency is { } currency)
            {
                var (code, minorUnits, currencyFailure) = Registra.Cash.CashBook.ParseCurrency(currency);
                var (cash, amountFailure) = RegisterMachine.ParseAmount(leg.Amount, minorUnits);
                if ((currencyFailure ?? amountFailure) is { } failure)
                {
                    return ApiProblems.Rejected([failure]);
                }

                legs.Add(new SettlementLeg(LegKind.Cash, code, leg.From, leg.To, cash));
                continue;
            }

            var (amount, problem) = await gateway.ParseAmountAsync(leg.SecurityId!, leg.Amount, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }

            legs.Add(new SettlementLeg(LegKind.Token, leg.SecurityId!, leg.From, leg.To, amount));
        }

        return await MovementEndpoints.Submit(context, gateway, new CreateInstruction(request.Id, legs, request.ExpiresAt, request.MediatorId));
    }

    /// <summary>Agents and scoped auditors see an instruction when they may read every token leg's register.</summary>
    internal static bool MayReadLegs(Actor actor, Instruction instruction, Registra.Register.RegisterState state) =>
        instruction.Legs.All(leg => leg.Kind == LegKind.Cash
            ? actor.IsOperator || (actor.Role == ActorRole.Auditor && actor.ScopeId is null)
            : ReadScope.CanReadRegister(actor, state.Securities[leg.Asset].Definition.IssuerId));

    internal static InstructionView View(Instruction instruction, Registra.Register.RegisterState state)
    {
        var legs = instruction.Legs
            .Select(leg => leg.Kind == LegKind.Cash
                ? new LegRequest(leg.FromAccountId, leg.ToAccountId, state.Cash.Format(leg.Asset, leg.Amount), Currency: leg.Asset)
                : new LegRequest(leg.FromAccountId, leg.ToAccountId, leg.Amount.Format(state.Securities[leg.Asset].Definition.Decimals), SecurityId: leg.Asset))
            .ToList();
        return new InstructionView(instruction.Id, legs, instruction.Parties, instruction.MediatorId,
            instruction.Affirmed.Order(StringComparer.Ordinal).ToList(), instruction.ExpiresAt, instruction.Status.ToString().ToLowerInvariant());
    }

    private static async Task<IResult> Get(string instructionId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var view = await gateway.Engine.ReadAsync(register =>
        {
            var state = register.State;
            if (!state.Market.Instructions.TryGetValue(instructionId, out var instruction))
            {
                return null;
            }

            var visible = actor.Role == ActorRole.Investor
                ? instruction.Affirmers.Contains(actor.ScopeId!, StringComparer.Ordinal)
                : MayReadLegs(actor, instruction, state);
            return visible ? View(instruction, state) : null;
        }, context.RequestAborted);
        return view is null
            ? ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.NotFound, "instruction", "instruction", instructionId,
                $"Check the instruction id '{instructionId}'.") { Subject = instructionId }])
            : Results.Ok(view);
    }
}
