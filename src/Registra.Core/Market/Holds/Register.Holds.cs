using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Events;
using Registra.Market;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    private CommandResult DecideCreateHold(CreateHold command, DateTimeOffset now)
    {
        if (!State.Securities.TryGetValue(command.SecurityId, out var security))
        {
            return CommandResult.Rejected(NotFound("security", command.SecurityId));
        }

        if (!IsValidId(command.HoldId))
        {
            return CommandResult.Rejected(InvalidId("hold", command.HoldId));
        }

        if (State.Market.Holds.ContainsKey(command.HoldId))
        {
            return CommandResult.Rejected(AlreadyExists("hold", command.HoldId));
        }

        if (!command.Amount.IsPositive)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidAmount, "amount", null,
                command.Amount.Format(security.Definition.Decimals), "Hold a positive amount."));
        }

        if (!State.Accounts.TryGetValue(command.FromAccountId, out var fromAccount))
        {
            return CommandResult.Rejected(NotFound("account", command.FromAccountId));
        }

        if (!State.Accounts.TryGetValue(command.ToAccountId, out var toAccount))
        {
            return CommandResult.Rejected(NotFound("account", command.ToAccountId));
        }

        if (!MaySend(command.Actor, fromAccount, security))
        {
            return CommandResult.Rejected(Denied("transfer", $"The caller cannot hold units of account {command.FromAccountId}."));
        }

        if (command.ExpiresAt <= now)
        {
            return CommandResult.Rejected(ExpiryNotAfter(command.ExpiresAt, now));
        }

        var failures = new List<Failure>();
        CheckAccountsOpen(fromAccount, toAccount, failures);
        CheckBalance(security, security.Positions.GetValueOrDefault(command.FromAccountId), command.FromAccountId, command.Amount,
            failures, unfrozenOnly: true);
        return failures.Count > 0
            ? CommandResult.Rejected(failures)
            : CommandResult.Of(new HoldCreated(command.HoldId, command.SecurityId, command.FromAccountId, command.ToAccountId,
                command.Amount.Units, command.ExpiresAt)) with { CreatedId = command.HoldId };
    }

    private CommandResult DecideExecuteHold(ExecuteHold command, DateTimeOffset now)
    {
        if (FindOpenHold(command.HoldId, command.Actor, releasing: false, now, out var hold) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        var security = State.Securities[hold.SecurityId];
        var amount = command.Amount ?? hold.Remaining;
        var decimals = security.Definition.Decimals;
        if (!amount.IsPositive || amount > hold.Remaining)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidAmount, "amount", hold.Remaining.Format(decimals),
                amount.Format(decimals), $"Execute a positive amount of at most the {hold.Remaining.Format(decimals)} held.") { Subject = hold.Id });
        }

        if (security.Rules.Has<Compliance.IssuerApprovalRule>())
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.ApprovalRequired, "issuer_approval", null, null,
                "Securities with issuer approval move only through single transfers, each queued for approval."));
        }

        // The execution is an ordinary transfer judged now, and it may take the units this hold reserves.
        var failures = new List<Failure>();
        var transfer = new Transfer(hold.SecurityId, hold.FromAccountId, hold.ToAccountId, amount) { Actor = Actor.Operator };
        CollectTransferFailures(transfer, now, _check, failures, reserved: amount);
        return failures.Count > 0
            ? CommandResult.Rejected(failures)
            : CommandResult.Of(new HoldExecuted(hold.Id, amount.Units, command.KeepOpen));
    }

    private CommandResult DecideReleaseHold(ReleaseHold command, DateTimeOffset now) =>
        FindOpenHold(command.HoldId, command.Actor, releasing: true, now, out var hold) is { } failure
            ? CommandResult.Rejected(failure)
            : CommandResult.Of(new HoldReleased(hold.Id, command.Actor.Id));

    private CommandResult DecideReleaseExpiredHolds(ReleaseExpiredHolds command, DateTimeOffset now)
    {
        if (command.Actor.Role != ActorRole.Operator)
        {
            return CommandResult.Rejected(Denied("operator", "Only the operator releases expired holds; the server does it on a timer."));
        }

        if (command.Limit < 1)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidArgument, "limit", "1", command.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Release at least one hold per command."));
        }

        // NOTE: this walks every hold ever created. A large, long-lived register would want an expiry index.
        var expired = State.Market.Holds.Values
            .Where(hold => hold.Status == HoldStatus.Open && now >= hold.ExpiresAt)
            .OrderBy(hold => hold.ExpiresAt)
            .ThenBy(hold => hold.Id, StringComparer.Ordinal)
            .Take(command.Limit)
            .Select(hold => (RegisterEvent)new HoldReleased(hold.Id, Hold.ExpiryAgent))
            .ToArray();
        return CommandResult.Of(expired);
    }

    /// <summary>
    /// Finds an open hold the actor may act on. The receiver's owner, an agent with the transfer
    /// permission and the operator may execute or release it. The sender's owner may release it
    /// only once it has expired. An expired hold cannot be executed.
    /// </summary>
    private Failure? FindOpenHold(string holdId, Actor actor, bool releasing, DateTimeOffset now, out Hold hold)
    {
        if (!State.Market.Holds.TryGetValue(holdId, out hold!))
        {
            return NotFound("hold", holdId);
        }

        var security = State.Securities[hold.SecurityId];
        var expired = now >= hold.ExpiresAt;
        var owner = actor.Role == ActorRole.Investor ? actor.ScopeId : null;
        var allowed = actor.MayAct(security.Definition.IssuerId, Permissions.Transfer)
            || owner == State.Accounts[hold.ToAccountId].IdentityId
            || (releasing && expired && owner == State.Accounts[hold.FromAccountId].IdentityId);
        if (!allowed)
        {
            return Denied("transfer", releasing
                ? "Only the receiver, an agent with the transfer permission, or after expiry the sender can release this hold."
                : "Only the receiver or an agent with the transfer permission can execute this hold.");
        }

        if (hold.Status != HoldStatus.Open)
        {
            return new Failure(Reasons.Reasons.HoldNotOpen, "hold", "open", hold.Status.ToString().ToLowerInvariant(),
                NotOpenHint(hold)) { Subject = hold.Id };
        }

        return !releasing && expired
            ? new Failure(Reasons.Reasons.HoldExpired, "hold", hold.ExpiresAt.ToString("O"), now.ToString("O"),
                "Release the hold and create a new one.") { Subject = hold.Id }
            : null;
    }

    private static string NotOpenHint(Hold hold) => hold.Status switch
    {
        HoldStatus.Expired => $"The hold expired at {hold.ExpiresAt:O} and the server released it, so its units are spendable again; create a new hold to reserve them.",
        HoldStatus.Released => "The hold was released, so its units are spendable again; create a new hold to reserve them.",
        _ => "The hold was executed in full; create a new hold to reserve more units.",
    };

    private CommandResult DecideCancelTransfer(CancelTransfer command)
    {
        if (!State.PendingTransfers.TryGetValue(command.TransferId, out var pending))
        {
            return CommandResult.Rejected(NotFound("queued transfer", command.TransferId));
        }

        var security = State.Securities[pending.SecurityId];
        if (!MaySend(command.Actor, State.Accounts[pending.FromAccountId], security))
        {
            return CommandResult.Rejected(Denied("transfer", "Only the sender can cancel a queued transfer; agents deny it instead."));
        }

        // An expired transfer can still be cancelled, which ends its hold on the sender's units.
        return pending.Status != PendingStatus.Pending
            ? CommandResult.Rejected(NotPending(pending))
            : CommandResult.Of(new TransferCancelled(pending.Id));
    }

    private void EvolveHold(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case HoldCreated e:
                var created = new Hold(e.HoldId, e.SecurityId, e.FromAccountId, e.ToAccountId, new Amount(e.Units), e.ExpiresAt);
                State.Market.Holds.Add(e.HoldId, created);
                MarketState.Index(State.Market.HoldsByIdentity, State.Accounts[e.FromAccountId].IdentityId, e.HoldId);
                MarketState.Index(State.Market.HoldsByIdentity, State.Accounts[e.ToAccountId].IdentityId, e.HoldId);
                ChangeHeld(e.SecurityId, e.FromAccountId, created.Amount);
                break;
            case HoldExecuted e:
                EvolveHoldExecuted(e, at);
                break;
            case HoldReleased e:
                var released = State.Market.Holds[e.HoldId];
                ChangeHeld(released.SecurityId, released.FromAccountId, Amount.Zero.Minus(released.Remaining));
                released.Remaining = Amount.Zero;
                released.Status = e.Agent == Hold.ExpiryAgent ? HoldStatus.Expired : HoldStatus.Released;
                break;
            case TransferCancelled e:
                ResolvePending(e.TransferId, PendingStatus.Cancelled);
                break;
        }
    }

    private void EvolveHoldExecuted(HoldExecuted e, DateTimeOffset at)
    {
        var hold = State.Market.Holds[e.HoldId];
        var security = State.Securities[hold.SecurityId];
        var from = security.Positions[hold.FromAccountId];
        var amount = new Amount(e.Units);

        // The rest is released unless kept open, and the hold counts as executed once nothing stays held.
        var release = e.KeepOpen ? amount : hold.Remaining;
        from.Held = from.Held.Minus(release);
        hold.Remaining = hold.Remaining.Minus(release);
        if (hold.Remaining.IsZero)
        {
            hold.Status = HoldStatus.Executed;
        }

        MoveUnits(security, from, GetOrCreatePosition(security, hold.ToAccountId), amount, at);
    }

    private void ResolvePending(string transferId, PendingStatus status)
    {
        var pending = State.PendingTransfers[transferId];
        pending.Status = status;
        ChangeHeld(pending.SecurityId, pending.FromAccountId, Amount.Zero.Minus(pending.Amount));
    }

    private void ChangeHeld(string securityId, string accountId, Amount delta)
    {
        var position = GetOrCreatePosition(State.Securities[securityId], accountId);
        position.Held = position.Held.Plus(delta);
    }

    /// <summary>Moves units as an ordinary transfer does: the receiver gets a new lot acquired now.</summary>
    private void MoveUnits(SecurityState security, Position from, Position to, Amount amount, DateTimeOffset at)
    {
        ChangeBalance(security, from, Amount.Zero.Minus(amount), at);
        ChangeBalance(security, to, amount, at);
        TakeLots(from, amount, keep: null);
        AddLot(to, new Lot(amount, at));
        RecordOutflow(security, from.IdentityId, amount, at);
    }
}
