using Registra.Access;
using Registra.Commands;
using Registra.Events;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    private CommandResult DecideFreezeAccount(FreezeAccount command)
    {
        if (FindAccountFor(command.SecurityId, command.AccountId, command.Actor, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        return security.Positions.GetValueOrDefault(command.AccountId) is { IsFrozen: true }
            ? CommandResult.Rejected(new Failure(Reasons.Reasons.AccountAlreadyFrozen, "freeze", null, "frozen", "Nothing to do.") { Subject = command.AccountId })
            : CommandResult.Of(new AccountFrozen(command.SecurityId, command.AccountId));
    }

    private CommandResult DecideFreezeIdentity(FreezeIdentity command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Freeze, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (!State.Identities.TryGetValue(command.IdentityId, out var identity))
        {
            return CommandResult.Rejected(NotFound("identity", command.IdentityId));
        }

        var events = identity.Accounts
            .Where(account => !State.Accounts[account].IsClosed && security.Positions.GetValueOrDefault(account) is not { IsFrozen: true })
            .Select(account => (RegisterEvent)new AccountFrozen(command.SecurityId, account))
            .ToArray();
        return events.Length == 0
            ? CommandResult.Rejected(new Failure(Reasons.Reasons.AccountAlreadyFrozen, "freeze", null, "frozen",
                $"Every open account of identity {command.IdentityId} is already frozen.") { Subject = command.IdentityId })
            : CommandResult.Of(events);
    }

    private CommandResult DecideUnfreezeAccount(UnfreezeAccount command)
    {
        if (FindAccountFor(command.SecurityId, command.AccountId, command.Actor, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        return security.Positions.GetValueOrDefault(command.AccountId) is { IsFrozen: true }
            ? CommandResult.Of(new AccountUnfrozen(command.SecurityId, command.AccountId))
            : CommandResult.Rejected(new Failure(Reasons.Reasons.AccountNotFrozen, "freeze", null, "not frozen", "Nothing to do.") { Subject = command.AccountId });
    }

    private CommandResult DecideFreezeAmount(FreezeAmount command)
    {
        if (FindAccountFor(command.SecurityId, command.AccountId, command.Actor, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        var decimals = security.Definition.Decimals;
        if (!command.Amount.IsPositive)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidAmount, "amount", null, command.Amount.Format(decimals), "Freeze a positive amount."));
        }

        // Held units are reserved for a hold, a queued transfer or an order, so only spendable units can be frozen.
        var unfrozen = security.Positions.GetValueOrDefault(command.AccountId)?.Spendable ?? Amounts.Amount.Zero;
        return unfrozen < command.Amount
            ? CommandResult.Rejected(new Failure(Reasons.Reasons.InsufficientUnfrozenBalance, "freeze", command.Amount.Format(decimals),
                unfrozen.Format(decimals), $"Freeze at most {unfrozen.Format(decimals)}.") { Subject = command.AccountId })
            : CommandResult.Of(new AmountFrozen(command.SecurityId, command.AccountId, command.Amount.Units));
    }

    private CommandResult DecideUnfreezeAmount(UnfreezeAmount command)
    {
        if (FindAccountFor(command.SecurityId, command.AccountId, command.Actor, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        var decimals = security.Definition.Decimals;
        if (!command.Amount.IsPositive)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidAmount, "amount", null, command.Amount.Format(decimals), "Unfreeze a positive amount."));
        }

        var frozen = security.Positions.GetValueOrDefault(command.AccountId)?.Frozen ?? Amounts.Amount.Zero;
        return frozen < command.Amount
            ? CommandResult.Rejected(new Failure(Reasons.Reasons.InsufficientFrozenAmount, "freeze", command.Amount.Format(decimals),
                frozen.Format(decimals), $"Unfreeze at most {frozen.Format(decimals)}.") { Subject = command.AccountId })
            : CommandResult.Of(new AmountUnfrozen(command.SecurityId, command.AccountId, command.Amount.Units));
    }

    private CommandResult DecidePause(PauseSecurity command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Freeze, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (security.Status == SecurityStatus.Redeemed)
        {
            return CommandResult.Rejected(RedeemedFailure(security.Id));
        }

        return security.Status == SecurityStatus.Paused
            ? CommandResult.Rejected(new Failure(Reasons.Reasons.SecurityAlreadyPaused, "pause", null, "paused", "Nothing to do."))
            : CommandResult.Of(new SecurityPaused(command.SecurityId));
    }

    private CommandResult DecideUnpause(UnpauseSecurity command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Freeze, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        return security.Status != SecurityStatus.Paused
            ? CommandResult.Rejected(new Failure(Reasons.Reasons.SecurityNotPaused, "pause", null, "active", "Nothing to do."))
            : CommandResult.Of(new SecurityUnpaused(command.SecurityId));
    }

    private CommandResult DecideRecovery(RecoverAccount command)
    {
        if (!State.Accounts.TryGetValue(command.OldAccountId, out var oldAccount))
        {
            return CommandResult.Rejected(NotFound("account", command.OldAccountId));
        }

        if (!State.Accounts.TryGetValue(command.NewAccountId, out var newAccount))
        {
            return CommandResult.Rejected(NotFound("account", command.NewAccountId));
        }

        if (oldAccount.IsClosed || newAccount.IsClosed)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.AccountClosed, "recovery", null,
                oldAccount.IsClosed ? oldAccount.Id : newAccount.Id, "A closed account can neither be recovered nor receive a recovery."));
        }

        if (oldAccount.IdentityId != newAccount.IdentityId || oldAccount.Id == newAccount.Id)
        {
            return CommandResult.Rejected(RecoveryRejected(command.OldAccountId,
                $"Account {command.NewAccountId} must be another account of identity {oldAccount.IdentityId}."));
        }

        // Every security in the old account must be in the agent's scope.
        var held = State.Securities.Values
            .Where(s => s.Positions.TryGetValue(command.OldAccountId, out var p) && (p.Balance.IsPositive || p.IsFrozen))
            .ToList();
        if (held.Count == 0)
        {
            return CommandResult.Rejected(RecoveryRejected(command.OldAccountId, "The account holds nothing to recover."));
        }

        // Holds, queued transfers and orders name the old account, so they must end before it closes.
        if (held.Any(s => s.Positions[command.OldAccountId].Held.IsPositive))
        {
            return CommandResult.Rejected(RecoveryRejected(command.OldAccountId,
                "Units of the account are held; release its holds, cancel its queued transfers and orders, then recover it."));
        }

        var outOfScope = held.FirstOrDefault(s => !command.Actor.MayAct(s.Definition.IssuerId, Permissions.Transfer));
        return outOfScope is not null
            ? CommandResult.Rejected(Denied("transfer", $"Recovering this account needs the transfer permission for issuer {outOfScope.Definition.IssuerId}."))
            : CommandResult.Of(new AccountRecovered(command.OldAccountId, command.NewAccountId));
    }

    private static Failure RecoveryRejected(string accountId, string hint) =>
        new(Reasons.Reasons.RecoveryNotAllowed, "recovery", null, accountId, hint) { Subject = accountId };

    private Failure? FindAccountFor(string securityId, string accountId, Actor actor, out SecurityState security)
    {
        if (FindSecurityFor(securityId, actor, Permissions.Freeze, out security) is { } failure)
        {
            return failure;
        }

        return State.Accounts.ContainsKey(accountId) ? null : NotFound("account", accountId);
    }
}
