using Registra.Access;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Market.Settlement;
using Registra.Reasons;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>Most legs one instruction may carry.</summary>
    public const int MaxSettlementLegs = 100;

    private CommandResult DecideCreateInstruction(CreateInstruction command, DateTimeOffset now)
    {
        if (!IsValidId(command.InstructionId))
        {
            return CommandResult.Rejected(InvalidId("instruction", command.InstructionId));
        }

        if (State.Market.Instructions.ContainsKey(command.InstructionId))
        {
            return CommandResult.Rejected(AlreadyExists("instruction", command.InstructionId));
        }

        if (command.Legs.Count is 0 or > MaxSettlementLegs)
        {
            return CommandResult.Rejected(Invalid(command.Legs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"An instruction needs 1 to {MaxSettlementLegs} legs."));
        }

        if (command.ExpiresAt <= now)
        {
            return CommandResult.Rejected(ExpiryNotAfter(command.ExpiresAt, now));
        }

        if (command.MediatorId is { } mediator && !State.Identities.ContainsKey(mediator))
        {
            return CommandResult.Rejected(NotFound("identity", mediator));
        }

        var failures = new List<Failure>();
        var legs = new List<SettlementLeg>(command.Legs.Count);
        for (var i = 0; i < command.Legs.Count; i++)
        {
            legs.Add(command.Legs[i].Kind == LegKind.Cash ? CheckCashLegShape(command.Legs[i], i, failures) : CheckLegShape(command.Legs[i], i, failures));
        }

        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        // An agent may create instructions whose legs are all units of its own issuer's securities.
        var parties = PartiesOf(legs);
        var actor = command.Actor;
        var allowed = actor.Role == ActorRole.Investor
            ? parties.Contains(actor.ScopeId!) || actor.ScopeId == command.MediatorId
            : legs.All(leg => actor.IsOperator
                || (leg.Kind == LegKind.Token && actor.MayAct(State.Securities[leg.Asset].Definition.IssuerId, Permissions.Transfer)));
        return allowed
            ? CommandResult.Of(new InstructionCreated(command.InstructionId, legs, command.MediatorId, command.ExpiresAt, actor.Id))
                with { CreatedId = command.InstructionId }
            : CommandResult.Rejected(Denied("transfer", "Only a party, the mediator or an agent with the transfer permission can create this instruction."));
    }

    /// <summary>Checks a cash leg's currency, amount and identities; returns it with the currency code upper-case.</summary>
    private SettlementLeg CheckCashLegShape(SettlementLeg leg, int index, List<Failure> failures)
    {
        var where = $"legs[{index}]";
        var (currency, minorUnits, currencyFailure) = Cash.CashBook.ParseCurrency(leg.Asset);
        if (currencyFailure is not null)
        {
            failures.Add(currencyFailure with { Subject = $"{where}: {leg.Asset}" });
            return leg;
        }

        if (!leg.Amount.IsPositive)
        {
            failures.Add(new Failure(Reasons.Reasons.InvalidAmount, "amount", null, leg.Amount.Format(minorUnits),
                "Every leg moves a positive amount.") { Subject = where });
        }

        foreach (var identityId in (ReadOnlySpan<string>)[leg.FromAccountId, leg.ToAccountId])
        {
            if (!State.Identities.ContainsKey(identityId))
            {
                failures.Add(NotFound("identity", identityId) with { Subject = $"{where}: {identityId}" });
            }
        }

        if (leg.FromAccountId == leg.ToAccountId)
        {
            failures.Add(Invalid(leg.FromAccountId, "A cash leg moves between two different identities.") with { Subject = where });
        }

        return leg with { Asset = currency };
    }

    private SettlementLeg CheckLegShape(SettlementLeg leg, int index, List<Failure> failures)
    {
        var where = $"legs[{index}]";
        if (!State.Securities.TryGetValue(leg.Asset, out var security))
        {
            failures.Add(NotFound("security", leg.Asset) with { Subject = $"{where}: {leg.Asset}" });
            return leg;
        }

        if (!leg.Amount.IsPositive)
        {
            failures.Add(new Failure(Reasons.Reasons.InvalidAmount, "amount", null, leg.Amount.Format(security.Definition.Decimals),
                "Every leg moves a positive amount.") { Subject = where });
        }

        foreach (var accountId in (ReadOnlySpan<string>)[leg.FromAccountId, leg.ToAccountId])
        {
            if (!State.Accounts.ContainsKey(accountId))
            {
                failures.Add(NotFound("account", accountId) with { Subject = $"{where}: {accountId}" });
            }
        }

        if (leg.FromAccountId == leg.ToAccountId)
        {
            failures.Add(Invalid(leg.FromAccountId, "A leg moves between two different accounts.") with { Subject = where });
        }

        return leg;
    }

    private List<string> PartiesOf(IReadOnlyList<SettlementLeg> legs)
    {
        var parties = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var leg in legs)
        {
            parties.Add(leg.PartyOf(State, sender: true));
            parties.Add(leg.PartyOf(State, sender: false));
        }

        return [.. parties];
    }

    private CommandResult DecideAffirm(string instructionId, string partyId, Actor actor, DateTimeOffset now, bool withdraw)
    {
        if (FindOpenInstruction(instructionId, now, out var instruction) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (!instruction.Affirmers.Contains(partyId, StringComparer.Ordinal))
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.NotAParty, "settlement", null, partyId,
                $"Affirm for one of: {string.Join(", ", instruction.Affirmers)}.") { Subject = instructionId });
        }

        if (!actor.IsOperator && !(actor.Role == ActorRole.Investor && actor.ScopeId == partyId))
        {
            return CommandResult.Rejected(Denied("affirm", $"Only identity {partyId} itself can affirm or withdraw for {partyId}."));
        }

        var affirmed = instruction.Affirmed.Contains(partyId);
        if (withdraw)
        {
            return affirmed
                ? CommandResult.Of(new AffirmationWithdrawn(instructionId, partyId))
                : CommandResult.Rejected(NotFound("affirmation", partyId));
        }

        return affirmed
            ? CommandResult.Rejected(AlreadyExists("affirmation", partyId))
            : CommandResult.Of(new InstructionAffirmed(instructionId, partyId));
    }

    private CommandResult DecideCancelInstruction(CancelInstruction command)
    {
        if (!State.Market.Instructions.TryGetValue(command.InstructionId, out var instruction))
        {
            return CommandResult.Rejected(NotFound("instruction", command.InstructionId));
        }

        if (!MaySteer(instruction, command.Actor))
        {
            return CommandResult.Rejected(Denied("settle", "Only the mediator, or without one a party, can cancel this instruction."));
        }

        return instruction.Status != InstructionStatus.Open
            ? CommandResult.Rejected(NotOpen(instruction))
            : CommandResult.Of(new InstructionCancelled(instruction.Id, command.Actor.Id));
    }

    /// <summary>
    /// Settles every leg or none. Each token leg is judged as an ordinary transfer, and each cash leg
    /// as a debit of available cash, against the state the legs before it left, and applied at once.
    /// The first failing leg rolls every applied leg back and the rejection names it. The
    /// instruction stays open, so it can be retried until it expires.
    /// </summary>
    private CommandResult ExecuteSettlement(SettleInstruction command, DateTimeOffset now)
    {
        if (FindOpenInstruction(command.InstructionId, now, out var instruction) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (!MaySteer(instruction, command.Actor))
        {
            return CommandResult.Rejected(Denied("settle", "Only the mediator, or without one a party, can settle this instruction."));
        }

        var missing = instruction.Affirmers.Where(party => !instruction.Affirmed.Contains(party)).ToList();
        if (missing.Count > 0)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InstructionNotAffirmed, "settlement", null, string.Join(", ", missing),
                "Every party must affirm before the instruction settles.") { Subject = instruction.Id });
        }

        var undos = new List<MovementUndo>();
        var cashBefore = new Dictionary<Cash.CashAccountKey, Amounts.Amount>();
        var (sequence, timestamp) = (State.LastSequence, State.LastTimestamp);
        try
        {
            var result = SettleLegs(instruction, now, undos, cashBefore);
            if (!result.Accepted)
            {
                RollbackCash(cashBefore, sequence, timestamp);
            }

            return result;
        }
        catch (OverflowException)
        {
            Rollback(undos);
            RollbackCash(cashBefore, sequence, timestamp);
            throw;
        }
    }

    /// <summary>Restores the cash balances that cash legs changed, and the sequence, which no unit undo restores when every leg is cash.</summary>
    private void RollbackCash(Dictionary<Cash.CashAccountKey, Amounts.Amount> cashBefore, long sequence, DateTimeOffset timestamp)
    {
        foreach (var (key, balance) in cashBefore)
        {
            State.Cash.Find(key)!.Balance = balance;
        }

        State.LastSequence = sequence;
        State.LastTimestamp = timestamp;
    }

    /// <summary>Judges a cash leg against the balances the legs before it left; returns its failures, or none.</summary>
    private List<Failure> CheckCashLeg(SettlementLeg leg)
    {
        var failures = new List<Failure>(1);
        var from = Cash.CashAccountKey.OfIdentity(leg.FromAccountId, leg.Asset);
        var to = Cash.CashAccountKey.OfIdentity(leg.ToAccountId, leg.Asset);
        if (State.Cash.CheckDebit(from, leg.Amount) is { } shortfall)
        {
            failures.Add(shortfall);
        }
        else if (State.Cash.Find(to) is null)
        {
            failures.Add(Cash.CashBook.MissingAccount(to));
        }

        return failures;
    }

    private CommandResult SettleLegs(Instruction instruction, DateTimeOffset now, List<MovementUndo> undos,
        Dictionary<Cash.CashAccountKey, Amounts.Amount> cashBefore)
    {
        var undoBySecurity = new Dictionary<string, MovementUndo>(StringComparer.Ordinal);
        var events = new List<RegisterEvent>(instruction.Legs.Count + 1);
        var failures = new List<Failure>();
        for (var i = 0; i < instruction.Legs.Count; i++)
        {
            var leg = instruction.Legs[i];
            if (leg.Kind == LegKind.Cash)
            {
                var cashFailures = CheckCashLeg(leg);
                if (cashFailures.Count > 0)
                {
                    Rollback(undos);
                    return CommandResult.Rejected(cashFailures.Select(f => f with { Subject = $"legs[{i}]: {f.Subject}" }).ToArray());
                }

                foreach (var identityId in (ReadOnlySpan<string>)[leg.FromAccountId, leg.ToAccountId])
                {
                    var key = Cash.CashAccountKey.OfIdentity(identityId, leg.Asset);
                    cashBefore.TryAdd(key, State.Cash.BalanceOf(key));
                }

                var moved = new CashTransferred(leg.FromAccountId, leg.ToAccountId, leg.Asset, leg.Amount.Units);
                Commit(moved, now);
                events.Add(moved);
                continue;
            }

            var transfer = new Transfer(leg.Asset, leg.FromAccountId, leg.ToAccountId, leg.Amount) { Actor = Actor.Operator };
            CollectTransferFailures(transfer, now, _check, failures);
            if (failures.Count == 0 && _check.Security.Rules.Has<IssuerApprovalRule>())
            {
                failures.Add(new Failure(Reasons.Reasons.ApprovalRequired, "issuer_approval", null, null,
                    "Securities with issuer approval move only through single transfers, each queued for approval."));
            }

            if (failures.Count > 0)
            {
                Rollback(undos);
                return CommandResult.Rejected(failures.Select(f => f with { Subject = $"legs[{i}]: {f.Subject}" }).ToArray());
            }

            if (!undoBySecurity.TryGetValue(leg.Asset, out var undo))
            {
                undo = new MovementUndo(this);
                undoBySecurity.Add(leg.Asset, undo);
                undos.Add(undo);
            }

            undo.Capture(leg.Asset, leg.FromAccountId, leg.ToAccountId);
            var transferred = new Transferred(leg.Asset, leg.FromAccountId, leg.ToAccountId, leg.Amount.Units,
                Forced: false, Agent: null, OverrideReason: null);
            Commit(transferred, now);
            events.Add(transferred);
        }

        var settled = new InstructionSettled(instruction.Id);
        Commit(settled, now);
        events.Add(settled);
        return new CommandResult(events, []);
    }

    /// <summary>Rolls back in reverse order, so the first undo, which saw the oldest sequence number, restores it last.</summary>
    private static void Rollback(List<MovementUndo> undos)
    {
        for (var i = undos.Count - 1; i >= 0; i--)
        {
            undos[i].Rollback();
        }
    }

    private Failure? FindOpenInstruction(string instructionId, DateTimeOffset now, out Instruction instruction)
    {
        if (!State.Market.Instructions.TryGetValue(instructionId, out instruction!))
        {
            return NotFound("instruction", instructionId);
        }

        if (instruction.Status != InstructionStatus.Open)
        {
            return NotOpen(instruction);
        }

        return now >= instruction.ExpiresAt
            ? new Failure(Reasons.Reasons.InstructionExpired, "settlement", instruction.ExpiresAt.ToString("O"), now.ToString("O"),
                "Create a new instruction.") { Subject = instruction.Id }
            : null;
    }

    /// <summary>True when the actor may settle or cancel: the operator, the mediator, or without a mediator a party or the creator.</summary>
    private static bool MaySteer(Instruction instruction, Actor actor)
    {
        if (actor.IsOperator)
        {
            return true;
        }

        var identity = actor.Role == ActorRole.Investor ? actor.ScopeId : null;
        return instruction.MediatorId is { } mediator
            ? identity == mediator
            : actor.Id == instruction.CreatedBy || (identity is not null && instruction.Parties.Contains(identity, StringComparer.Ordinal));
    }

    private static Failure NotOpen(Instruction instruction) =>
        new(Reasons.Reasons.InstructionNotOpen, "settlement", "open", instruction.Status.ToString().ToLowerInvariant(),
            "A settled or cancelled instruction cannot change; create a new one.") { Subject = instruction.Id };

    private void EvolveInstruction(RegisterEvent registerEvent)
    {
        switch (registerEvent)
        {
            case InstructionCreated e:
                var instruction = new Instruction(e.InstructionId, e.Legs, PartiesOf(e.Legs), e.MediatorId, e.ExpiresAt, e.CreatedBy);
                State.Market.Instructions.Add(e.InstructionId, instruction);
                foreach (var identityId in instruction.Affirmers)
                {
                    Registra.Market.MarketState.Index(State.Market.InstructionsByIdentity, identityId, instruction.Id);
                }

                break;
            case InstructionAffirmed e:
                State.Market.Instructions[e.InstructionId].Affirmed.Add(e.PartyId);
                break;
            case AffirmationWithdrawn e:
                State.Market.Instructions[e.InstructionId].Affirmed.Remove(e.PartyId);
                break;
            case InstructionSettled e:
                State.Market.Instructions[e.InstructionId].Status = InstructionStatus.Settled;
                break;
            case InstructionCancelled e:
                State.Market.Instructions[e.InstructionId].Status = InstructionStatus.Cancelled;
                break;
            case CashTransferred e:
                var amount = new Amounts.Amount(e.Units);
                State.Cash.Debit(Cash.CashAccountKey.OfIdentity(e.FromIdentityId, e.Currency), amount);
                State.Cash.Credit(Cash.CashAccountKey.OfIdentity(e.ToIdentityId, e.Currency), amount);
                break;
        }
    }
}
