using Registra.Access;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Market.Offerings;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    private CommandResult DecideSubscribe(Subscribe command, DateTimeOffset now)
    {
        if (FindOffering(command.OfferingId, out var offering) is { } missing)
        {
            return CommandResult.Rejected(missing);
        }

        if (!State.Accounts.TryGetValue(command.AccountId, out var account))
        {
            return CommandResult.Rejected(NotFound("account", command.AccountId));
        }

        var security = State.Securities[offering.SecurityId];
        if ((CheckSubscriber(command.Actor, account.IdentityId, security) ?? CheckWindow(offering, now)) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (offering.Subscriptions.ContainsKey(account.IdentityId))
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.AlreadyExists, "offering", "subscription", account.IdentityId,
                $"Identity {account.IdentityId} already subscribed to offering {offering.Id}; amend that subscription instead.") { Subject = account.IdentityId });
        }

        var failures = new List<Failure>();
        var (quantity, cash) = JudgeQuantity(offering, security, account, command.Quantity, now, failures);
        if (failures.Count == 0 && State.Cash.CheckDebit(CashAccountKey.OfIdentity(account.IdentityId, offering.Terms.Currency), cash) is { } shortfall)
        {
            failures.Add(shortfall);
        }

        return failures.Count > 0
            ? CommandResult.Rejected(failures)
            : CommandResult.Of(new SubscriptionPlaced(offering.Id, offering.SecurityId, account.IdentityId, account.Id, quantity.Units, cash.Units))
                with { CreatedId = account.IdentityId };
    }

    private CommandResult DecideAmendSubscription(AmendSubscription command, DateTimeOffset now)
    {
        if (FindSubscription(command.OfferingId, command.IdentityId, command.Actor, now, out var offering, out var subscription) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        var security = State.Securities[offering.SecurityId];
        var failures = new List<Failure>();
        var (quantity, cash) = JudgeQuantity(offering, security, State.Accounts[subscription.AccountId], command.Quantity, now, failures);
        if (failures.Count == 0 && quantity == subscription.Quantity)
        {
            failures.Add(Invalid(command.Quantity, $"The subscription already asks for {quantity.Format(security.Definition.Decimals)}; send a different quantity or withdraw it."));
        }

        // Only the increase is taken from the cash account; a decrease returns the difference.
        var increase = cash.Minus(subscription.Cash);
        if (failures.Count == 0 && increase.IsPositive
            && State.Cash.CheckDebit(CashAccountKey.OfIdentity(subscription.IdentityId, offering.Terms.Currency), increase) is { } shortfall)
        {
            failures.Add(shortfall);
        }

        return failures.Count > 0
            ? CommandResult.Rejected(failures)
            : CommandResult.Of(new SubscriptionAmended(offering.Id, offering.SecurityId, subscription.IdentityId, quantity.Units, cash.Units));
    }

    private CommandResult DecideWithdrawSubscription(WithdrawSubscription command, DateTimeOffset now) =>
        FindSubscription(command.OfferingId, command.IdentityId, command.Actor, now, out var offering, out var subscription) is { } failure
            ? CommandResult.Rejected(failure)
            : CommandResult.Of(new SubscriptionWithdrawn(offering.Id, offering.SecurityId, subscription.IdentityId, subscription.Cash.Units));

    private CommandResult DecideCancelOffering(CancelOffering command)
    {
        if (FindOffering(command.OfferingId, out var offering) is { } missing)
        {
            return CommandResult.Rejected(missing);
        }

        if ((CheckOfferingAgent(command.Actor, offering) ?? NotOpen(offering)) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        return CommandResult.Of(new OfferingCancelled(offering.Id, offering.SecurityId, offering.Escrow.Units, command.Actor.Id));
    }

    /// <summary>
    /// Parses a subscription quantity and judges it: a positive multiple of the lot within the per
    /// investor limits, a security that is not paused, and an issuance of that quantity to the
    /// account that would pass every rule now. Returns the quantity and its cost in minor units.
    /// </summary>
    private (Amount Quantity, Amount Cash) JudgeQuantity(Offering offering, SecurityState security, AccountState account, string text,
        DateTimeOffset now, List<Failure> failures)
    {
        var terms = offering.Terms;
        var decimals = security.Definition.Decimals;
        var (quantity, parseFailure) = ParseAmount(text, decimals);
        if (parseFailure is not null)
        {
            failures.Add(parseFailure);
            return (Amount.Zero, Amount.Zero);
        }

        if (quantity.Units % terms.LotSize.Units != 0)
        {
            failures.Add(new Failure(Reasons.Reasons.QuantityOffLot, "lot_size", terms.LotSize.Format(decimals), quantity.Format(decimals),
                $"Subscribe in multiples of {terms.LotSize.Format(decimals)}.") { Subject = quantity.Format(decimals) });
        }

        if (quantity < terms.MinPerInvestor)
        {
            failures.Add(new Failure(Reasons.Reasons.BelowMinimumSubscription, "offering", terms.MinPerInvestor.Format(decimals), quantity.Format(decimals),
                $"Subscribe for at least {terms.MinPerInvestor.Format(decimals)}.") { Subject = offering.Id });
        }

        if (quantity > terms.MaxPerInvestor)
        {
            failures.Add(new Failure(Reasons.Reasons.AboveMaximumSubscription, "offering", terms.MaxPerInvestor.Format(decimals), quantity.Format(decimals),
                $"Subscribe for at most {terms.MaxPerInvestor.Format(decimals)}.") { Subject = offering.Id });
        }

        if (security.Status == SecurityStatus.Paused)
        {
            failures.Add(new Failure(Reasons.Reasons.SecurityPaused, "pause", null, "paused",
                "Subscriptions resume when the issuer unpauses the security."));
        }

        if (failures.Count > 0)
        {
            return (quantity, Amount.Zero);
        }

        CollectIssuanceFailures(security, account, quantity, now, failures);
        return (quantity, CostOf(terms, quantity, decimals));
    }

    /// <summary>
    /// Collects what would reject issuing <paramref name="amount"/> to the account now: a closed or
    /// frozen account, and every rule as an issuance judges it. The subscription and the close use
    /// this one path, so a subscriber meets the same reason codes at both.
    /// </summary>
    private void CollectIssuanceFailures(SecurityState security, AccountState account, Amount amount, DateTimeOffset now, List<Failure> failures)
    {
        CheckAccountOpen(account, failures);
        if (security.Positions.GetValueOrDefault(account.Id) is { IsFrozen: true })
        {
            failures.Add(FrozenFailure(account.Id));
        }

        var check = _check.Reset(TransferKind.Issuance, security, amount, now, from: null, sender: null, account.Id, IdentityOf(account));
        EvaluateRules(check, failures);
    }

    /// <summary>Returns quantity times the price per whole unit, in minor units; exact because quantities are whole lots.</summary>
    internal static Amount CostOf(OfferingTerms terms, Amount quantity, int decimals) =>
        new(checked(quantity.Units * terms.Price.Units) / Amount.Scale(decimals));

    private Failure? FindOffering(string offeringId, out Offering offering) =>
        State.Market.Offerings.TryGetValue(offeringId, out offering!) ? null : NotFound("offering", offeringId);

    /// <summary>Finds an open subscription that the actor may change now, inside the window.</summary>
    private Failure? FindSubscription(string offeringId, string identityId, Actor actor, DateTimeOffset now, out Offering offering,
        out Subscription subscription)
    {
        subscription = null!;
        if (FindOffering(offeringId, out offering) is { } missing)
        {
            return missing;
        }

        if ((CheckSubscriber(actor, identityId, State.Securities[offering.SecurityId]) ?? CheckWindow(offering, now)) is { } failure)
        {
            return failure;
        }

        return offering.Subscriptions.TryGetValue(identityId, out subscription!)
            ? null
            : new Failure(Reasons.Reasons.NotFound, "offering", "subscription", identityId,
                $"Identity {identityId} has no open subscription to offering {offeringId}.") { Subject = identityId };
    }

    /// <summary>The investor itself, an agent of the issuer with the supply permission, or the operator may subscribe for an identity.</summary>
    private static Failure? CheckSubscriber(Actor actor, string identityId, SecurityState security)
    {
        var own = actor.Role == ActorRole.Investor && actor.ScopeId == identityId;
        return own || actor.MayAct(security.Definition.IssuerId, Permissions.Supply)
            ? null
            : Denied("supply", $"Only investor {identityId} itself, or an agent of issuer {security.Definition.IssuerId} with the supply permission, can subscribe for {identityId}.");
    }

    /// <summary>Opening, closing and cancelling need the supply permission, because the close issues units.</summary>
    private Failure? CheckOfferingAgent(Actor actor, Offering offering)
    {
        var issuerId = State.Securities[offering.SecurityId].Definition.IssuerId;
        return actor.MayAct(issuerId, Permissions.Supply)
            ? null
            : Denied("supply", $"Offering {offering.Id} is steered by agents of issuer {issuerId} with the supply permission.");
    }

    private static Failure? CheckWindow(Offering offering, DateTimeOffset now)
    {
        if (NotOpen(offering) is { } notOpen)
        {
            return notOpen;
        }

        if (now < offering.Terms.OpensAt)
        {
            return new Failure(Reasons.Reasons.SubscriptionWindowNotOpen, "offering", offering.Terms.OpensAt.ToString("O"), now.ToString("O"),
                $"Offering {offering.Id} takes subscriptions from {offering.Terms.OpensAt:O}.") { Subject = offering.Id };
        }

        return now >= offering.Terms.ClosesAt
            ? new Failure(Reasons.Reasons.SubscriptionWindowClosed, "offering", offering.Terms.ClosesAt.ToString("O"), now.ToString("O"),
                $"The window of offering {offering.Id} closed at {offering.Terms.ClosesAt:O}; subscriptions can no longer change.") { Subject = offering.Id }
            : null;
    }

    private static Failure? NotOpen(Offering offering) =>
        offering.Status == OfferingStatus.Open
            ? null
            : new Failure(Reasons.Reasons.OfferingNotOpen, "offering", "open", StatusName(offering.Status),
                $"Offering {offering.Id} is {StatusName(offering.Status)}; open a new offering instead.") { Subject = offering.Id };

    /// <summary>The snake_case name the API and messages use for a status.</summary>
    public static string StatusName(OfferingStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>True when the security has an open offering, whose quantities a split would not scale.</summary>
    private bool HasOpenOffering(string securityId)
    {
        foreach (var offering in State.Market.Offerings.Values)
        {
            if (offering.SecurityId == securityId && offering.Status == OfferingStatus.Open)
            {
                return true;
            }
        }

        return false;
    }
}
