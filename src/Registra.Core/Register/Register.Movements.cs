using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>
    /// Evaluates every check an ordinary transfer would face at <paramref name="now"/> and
    /// returns all failures, without changing anything. An approval queue is reported as
    /// <c>approval_required</c>. <see cref="Execute"/> runs the same checks.
    /// </summary>
    public IReadOnlyList<Failure> CheckTransfer(Transfer command, DateTimeOffset now)
    {
        // A fresh check object, because this read may run outside Execute.
        var failures = new List<Failure>();
        CollectTransferFailures(command, now, new TransferCheck(), failures);
        if (failures.Count == 0 && State.Securities[command.SecurityId].Rules.Find<IssuerApprovalRule>() is { } approval)
        {
            failures.Add(new Failure(Reasons.Reasons.ApprovalRequired, "issuer_approval", null, null,
                approval.RequiredApprovals == 1
                    ? "The transfer will wait in the approval queue until an agent approves it."
                    : $"The transfer will wait in the approval queue until {approval.RequiredApprovals} distinct approvers approve it."));
        }

        return failures;
    }

    /// <summary>
    /// Judges and applies an ordinary transfer. An accepted transfer is applied to the security and
    /// positions that the checks looked up, so its state change repeats none of their lookups.
    /// </summary>
    private CommandResult ExecuteTransfer(Transfer command, DateTimeOffset now)
    {
        var result = DecideTransfer(command, now);
        if (!result.Accepted)
        {
            return result;
        }

        if (result.Events[0] is Transferred transferred)
        {
            // The checks passed, so the sender holds at least the amount and its position exists.
            var security = _check.Security;
            var to = _receiverPosition ?? GetOrCreatePosition(security, command.ToAccountId);
            EvolveTransfer(transferred, security, _check.From!, to, now);
            State.LastSequence++;
            State.LastTimestamp = now;
        }
        else
        {
            // A queued transfer, and its approval policy when the rule sets one.
            foreach (var registerEvent in result.Events)
            {
                Commit(registerEvent, now);
            }
        }

        return result;
    }

    private CommandResult DecideTransfer(Transfer command, DateTimeOffset now)
    {
        _failures.Clear();
        CollectTransferFailures(command, now, _check, _failures);
        if (_failures.Count > 0)
        {
            return CommandResult.Rejected(_failures.ToArray());
        }

        var security = _check.Security;
        if (security.Rules.Find<IssuerApprovalRule>() is { } approval)
        {
            return Queue(command, approval, now);
        }

        return CommandResult.Of(new Transferred(command.SecurityId, command.FromAccountId, command.ToAccountId,
            command.Amount.Units, Forced: false, Agent: null, OverrideReason: null));
    }

    /// <summary>The one code path behind both the check and the execution of an ordinary transfer.</summary>
    /// <param name="reserved">Units of the sender already held for this movement (a hold, a queued transfer or an order), which it may take.</param>
    private void CollectTransferFailures(Transfer command, DateTimeOffset now, TransferCheck check, List<Failure> failures, Amount reserved = default)
    {
        if (!State.Securities.TryGetValue(command.SecurityId, out var security))
        {
            failures.Add(NotFound("security", command.SecurityId));
            return;
        }

        if (!command.Amount.IsPositive)
        {
            failures.Add(new Failure(Reasons.Reasons.InvalidAmount, "amount", null, command.Amount.Format(security.Definition.Decimals),
                "Transfer a positive amount."));
            return;
        }

        if (command.FromAccountId == command.ToAccountId)
        {
            // Nothing would change hands, yet the sender's lots would restart their holding periods.
            failures.Add(new Failure(Reasons.Reasons.InvalidArgument, "accounts", null, command.FromAccountId,
                $"Account {command.FromAccountId} is both sender and receiver; send to another account.") { Subject = command.FromAccountId });
            return;
        }

        if (!State.Accounts.TryGetValue(command.FromAccountId, out var fromAccount))
        {
            failures.Add(NotFound("account", command.FromAccountId));
            return;
        }

        if (!MaySend(command.Actor, fromAccount, security))
        {
            failures.Add(Denied("transfer", $"The caller cannot move units out of account {command.FromAccountId}."));
            return;
        }

        if (security.Status == SecurityStatus.Paused)
        {
            failures.Add(new Failure(Reasons.Reasons.SecurityPaused, "pause", null, "paused",
                "Wait until the issuer unpauses the security."));
        }

        var from = security.Positions.GetValueOrDefault(command.FromAccountId);
        var sender = IdentityOf(fromAccount);
        var toAccount = State.Accounts.GetValueOrDefault(command.ToAccountId);
        _receiverPosition = security.Positions.GetValueOrDefault(command.ToAccountId);
        CheckAccountsOpen(fromAccount, toAccount, failures);
        CheckFrozen(from, command.ToAccountId, _receiverPosition, failures);
        CheckBalance(security, from, command.FromAccountId, command.Amount, failures, unfrozenOnly: true, reserved);

        check.Reset(TransferKind.Transfer, security, command.Amount, now,
            from ?? new Position(command.FromAccountId, fromAccount.IdentityId), sender, command.ToAccountId,
            toAccount is null ? null : IdentityOf(toAccount), receiverPosition: _receiverPosition);
        CheckReceiverKnown(check, failures);
        EvaluateRules(check, failures);
    }

    private IdentityState IdentityOf(AccountState account) => account.Identity ??= State.Identities[account.IdentityId];

    private static bool MaySend(Actor actor, Identities.AccountState account, SecurityState security) => actor.Role switch
    {
        ActorRole.Operator => true,
        ActorRole.Investor => actor.ScopeId == account.IdentityId,
        ActorRole.IssuerAgent => actor.MayAct(security.Definition.IssuerId, Permissions.Transfer),
        _ => false,
    };

    private CommandResult DecideIssue(Issue command, DateTimeOffset now)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Supply, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (security.Status == SecurityStatus.Redeemed)
        {
            return CommandResult.Rejected(RedeemedFailure(security.Id));
        }

        if (!command.Amount.IsPositive)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidAmount, "amount", null,
                command.Amount.Format(security.Definition.Decimals), "Issue a positive amount."));
        }

        var failures = new List<Failure>();
        var toAccount = State.Accounts.GetValueOrDefault(command.AccountId);
        CheckAccountsOpen(null, toAccount, failures);
        var supplyAfter = security.Supply.Plus(command.Amount);
        if (security.SupplyCap is { } cap && supplyAfter > cap)
        {
            failures.Add(new Failure(Reasons.Reasons.SupplyCapExceeded, "supply_cap", cap.Format(security.Definition.Decimals),
                security.Supply.Plus(command.Amount).Format(security.Definition.Decimals),
                $"Issue at most {cap.Minus(security.Supply).Format(security.Definition.Decimals)}."));
        }

        if (security.Positions.GetValueOrDefault(command.AccountId) is { IsFrozen: true })
        {
            failures.Add(FrozenFailure(command.AccountId));
        }

        var check = _check.Reset(TransferKind.Issuance, security, command.Amount, now, from: null, sender: null,
            command.AccountId, toAccount is null ? null : IdentityOf(toAccount));
        CheckReceiverKnown(check, failures);
        EvaluateRules(check, failures);
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        return CommandResult.Of(new Issued(command.SecurityId, command.AccountId, command.Amount.Units, command.AcquiredAt ?? now));
    }

    private CommandResult DecideRedeem(Redeem command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Supply, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (!command.Amount.IsPositive)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidAmount, "amount", null,
                command.Amount.Format(security.Definition.Decimals), "Redeem a positive amount."));
        }

        if (!State.Accounts.ContainsKey(command.AccountId))
        {
            return CommandResult.Rejected(NotFound("account", command.AccountId));
        }

        var position = security.Positions.GetValueOrDefault(command.AccountId);
        var failures = new List<Failure>();
        CheckBalance(security, position, command.AccountId, command.Amount, failures, unfrozenOnly: false);
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        // Redemption takes frozen units too; the part that was frozen is unfrozen first, as its own event.
        var toUnfreeze = command.Amount.Minus(position!.Spendable);
        return toUnfreeze.IsPositive
            ? CommandResult.Of(
                new AmountUnfrozen(command.SecurityId, command.AccountId, toUnfreeze.Units),
                new Redeemed(command.SecurityId, command.AccountId, command.Amount.Units))
            : CommandResult.Of(new Redeemed(command.SecurityId, command.AccountId, command.Amount.Units));
    }

    private CommandResult DecideForcedTransfer(ForcedTransfer command, DateTimeOffset now)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Transfer, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (!command.Amount.IsPositive)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidAmount, "amount", null,
                command.Amount.Format(security.Definition.Decimals), "Move a positive amount."));
        }

        if (!State.Accounts.TryGetValue(command.FromAccountId, out var fromAccount))
        {
            return CommandResult.Rejected(NotFound("account", command.FromAccountId));
        }

        if (command.OverrideReason is { } reason && string.IsNullOrWhiteSpace(reason))
        {
            return CommandResult.Rejected(Invalid("overrideReason", "An override needs a reason, which is recorded in the ledger."));
        }

        var failures = new List<Failure>();
        var from = security.Positions.GetValueOrDefault(command.FromAccountId);
        var toAccount = State.Accounts.GetValueOrDefault(command.ToAccountId);
        CheckAccountsOpen(fromAccount, toAccount, failures);
        CheckBalance(security, from, command.FromAccountId, command.Amount, failures, unfrozenOnly: false);
        if (command.OverrideReason is null && security.Positions.GetValueOrDefault(command.ToAccountId) is { IsFrozen: true })
        {
            failures.Add(FrozenFailure(command.ToAccountId));
        }

        var check = _check.Reset(TransferKind.Forced, security, command.Amount, now, from,
            IdentityOf(fromAccount), command.ToAccountId,
            toAccount is null ? null : IdentityOf(toAccount),
            overrideReceiverRules: command.OverrideReason is not null);
        CheckReceiverKnown(check, failures);
        EvaluateRules(check, failures);
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        var transferred = new Transferred(command.SecurityId, command.FromAccountId, command.ToAccountId, command.Amount.Units,
            Forced: true, Agent: command.Actor.Id, OverrideReason: command.OverrideReason);
        var toUnfreeze = command.Amount.Minus(from!.Spendable);
        return toUnfreeze.IsPositive
            ? CommandResult.Of(new AmountUnfrozen(command.SecurityId, command.FromAccountId, toUnfreeze.Units), transferred)
            : CommandResult.Of(transferred);
    }

    private CommandResult ExecuteBatch(BatchTransfer command, DateTimeOffset now)
    {
        if (command.Legs.Count == 0)
        {
            return CommandResult.Rejected(Invalid("legs", "A batch needs at least one transfer."));
        }

        if (State.Securities.GetValueOrDefault(command.SecurityId)?.Rules.Has<IssuerApprovalRule>() == true)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.ApprovalRequired, "issuer_approval", null, null,
                "Securities with issuer approval take single transfers, each queued for approval."));
        }

        // Each leg is judged against the state left by the legs before it; any failure rolls all back.
        var undo = new MovementUndo(this);
        try
        {
            return ExecuteLegs(command, now, undo);
        }
        catch (OverflowException)
        {
            undo.Rollback();
            throw;
        }
    }

    private CommandResult ExecuteLegs(BatchTransfer command, DateTimeOffset now, MovementUndo undo)
    {
        var events = new List<RegisterEvent>(command.Legs.Count);
        for (var i = 0; i < command.Legs.Count; i++)
        {
            var leg = command.Legs[i];
            var transfer = new Transfer(command.SecurityId, leg.FromAccountId, leg.ToAccountId, leg.Amount) { Actor = command.Actor };
            var result = DecideTransfer(transfer, now);
            if (!result.Accepted)
            {
                undo.Rollback();
                return CommandResult.Rejected(result.Failures.Select(f => f with { Subject = $"legs[{i}]: {f.Subject}" }).ToArray());
            }

            undo.Capture(command.SecurityId, leg.FromAccountId, leg.ToAccountId);
            foreach (var registerEvent in result.Events)
            {
                Commit(registerEvent, now);
                events.Add(registerEvent);
            }
        }

        return new CommandResult(events, []);
    }

    private static void CheckAccountsOpen(Identities.AccountState? from, Identities.AccountState? to, List<Failure> failures)
    {
        CheckAccountOpen(from, failures);
        CheckAccountOpen(to, failures);
    }

    private static void CheckAccountOpen(Identities.AccountState? account, List<Failure> failures)
    {
        if (account is { IsClosed: true })
        {
            failures.Add(new Failure(Reasons.Reasons.AccountClosed, "account", null, account.Id,
                $"Use account {account.RecoveredTo}, which replaced it.") { Subject = account.Id });
        }
    }

    private static void CheckFrozen(Position? from, string toAccountId, Position? to, List<Failure> failures)
    {
        if (from is { IsFrozen: true })
        {
            failures.Add(FrozenFailure(from.AccountId));
        }

        if (to is { IsFrozen: true })
        {
            failures.Add(FrozenFailure(toAccountId));
        }
    }

    private static Failure FrozenFailure(string accountId) =>
        new(Reasons.Reasons.AccountFrozen, "freeze", null, "frozen", $"Ask the issuer to unfreeze account {accountId}.") { Subject = accountId };

    private static void CheckBalance(SecurityState security, Position? position, string accountId, Amount amount, List<Failure> failures, bool unfrozenOnly, Amount reserved = default)
    {
        var decimals = security.Definition.Decimals;
        var balance = position?.Balance ?? Amount.Zero;
        if (balance < amount)
        {
            failures.Add(new Failure(Reasons.Reasons.InsufficientBalance, "balance", amount.Format(decimals), balance.Format(decimals),
                $"Account {accountId} holds {balance.Format(decimals)}; move at most that.") { Subject = accountId });
            return;
        }

        var unfrozen = position!.Unfrozen;
        if (unfrozenOnly && unfrozen < amount)
        {
            failures.Add(new Failure(Reasons.Reasons.InsufficientUnfrozenBalance, "freeze", amount.Format(decimals), unfrozen.Format(decimals),
                $"Only {unfrozen.Format(decimals)} of account {accountId} is unfrozen.") { Subject = accountId });
            return;
        }

        // Units held by holds, queued transfers and sell orders stay out of reach, except the part
        // held for this very movement. Agents' moves may take frozen units but never held ones.
        var free = (unfrozenOnly ? position.Spendable : position.Balance.Minus(position.Held)).Plus(reserved);
        if (free < amount)
        {
            failures.Add(new Failure(Reasons.Reasons.InsufficientSpendableBalance, "hold", amount.Format(decimals), free.Format(decimals),
                $"Only {free.Format(decimals)} of account {accountId} is free of freezes and holds; release a hold or cancel an order first.") { Subject = accountId });
        }
    }

    private static void CheckReceiverKnown(TransferCheck check, List<Failure> failures)
    {
        if (check.Receiver is null)
        {
            failures.Add(new Failure(Reasons.Reasons.ReceiverNotVerified, "identity", "registered identity", "unknown account",
                $"Account {check.ToAccountId} belongs to no registered identity; onboard the receiver first.") { Subject = check.ToAccountId });
        }
    }

    private static void EvaluateRules(TransferCheck check, List<Failure> failures)
    {
        var rules = check.Security.Rules.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            // A forced transfer with an override still needs a verified receiver.
            if (check.Kind == TransferKind.Forced && check.OverrideReceiverRules && rules[i] is IdentityVerifiedRule verified)
            {
                verified.CheckReceiver(check, failures);
                continue;
            }

            rules[i].Check(check, failures);
        }
    }
}
