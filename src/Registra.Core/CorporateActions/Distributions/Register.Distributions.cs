using Registra.Access;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.CorporateActions.Distributions;
using Registra.Events;
using Registra.Identifiers;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>How long holders without a cash account may claim, when the announcement sets no deadline.</summary>
    public static readonly TimeSpan DefaultClaimPeriod = TimeSpan.FromDays(365);

    /// <summary>Prefix of the ids the register gives distributions; client-chosen ids may not use it.</summary>
    public const string GeneratedDistributionPrefix = "dist-";

    private CommandResult DecideDistribution(DistributionCommand command, DateTimeOffset now) => command switch
    {
        AnnounceDistribution c => DecideAnnounce(c, now),
        PayDistribution c => DecidePay(c, now),
        ClaimDistribution c => DecideClaim(c, now),
        ReclaimDistribution c => DecideReclaim(c, now),
        CancelDistribution c => DecideCancel(c),
        ScheduleCoupons c => DecideScheduleCoupons(c, now),
        RedeemAtMaturity c => DecideRedeemAtMaturity(c, now),
        _ => throw new ArgumentException($"Unknown distribution command {command.GetType().Name}.", nameof(command)),
    };

    private CommandResult DecideAnnounce(AnnounceDistribution command, DateTimeOffset now)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Actions, out var security) is { } access)
        {
            return CommandResult.Rejected(access);
        }

        if (security.Status == SecurityStatus.Redeemed)
        {
            return CommandResult.Rejected(RedeemedFailure(security.Id));
        }

        var failures = new List<Failure>();
        var announced = ReadAnnouncement(command, security, failures);
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        // A record instant that has passed can be judged now; a later one is judged at payment.
        if (announced!.RecordAt <= now && EligibleUnitsAt(security, announced.RecordAt, announced.Excluded).IsZero)
        {
            return CommandResult.Rejected(NoEligibleSupplyFailure(announced.RecordAt));
        }

        return CommandResult.Of(announced) with { CreatedId = announced.DistributionId };
    }

    private CommandResult DecidePay(PayDistribution command, DateTimeOffset now)
    {
        if (FindDistributionFor(command.DistributionId, command.Actor, out var distribution) is { } access)
        {
            return CommandResult.Rejected(access);
        }

        if (CheckAnnounced(distribution) is { } status)
        {
            return CommandResult.Rejected(status);
        }

        var terms = distribution.Terms;
        if (now < terms.RecordAt)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.RecordInstantInFuture, "record_at", terms.RecordAt.ToString("O"),
                now.ToString("O"), $"Pay at or after the record instant {terms.RecordAt:O}.") { Subject = terms.Id });
        }

        if (now < terms.PaymentAt)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.PaymentNotDue, "payment_at", terms.PaymentAt.ToString("O"),
                now.ToString("O"), $"Pay at or after the payment instant {terms.PaymentAt:O}.") { Subject = terms.Id });
        }

        var (events, failure) = BuildPayment(terms, State.Securities[terms.SecurityId], now);
        return failure is null ? new CommandResult(events, []) { CreatedId = terms.Id } : CommandResult.Rejected(failure);
    }

    private CommandResult DecideClaim(ClaimDistribution command, DateTimeOffset now)
    {
        if (!State.Distributions.TryGetValue(command.DistributionId, out var distribution))
        {
            return CommandResult.Rejected(NotFound("distribution", command.DistributionId));
        }

        var ownClaim = command.Actor.Role == ActorRole.Investor && command.Actor.ScopeId == command.IdentityId;
        if (!ownClaim && !command.Actor.MayAct(distribution.IssuerId, Permissions.Actions))
        {
            return CommandResult.Rejected(Denied("actions",
                $"Claims on distribution {distribution.Id} need the actions permission for issuer {distribution.IssuerId}, or the holder's own investor key."));
        }

        if (CheckPaid(distribution) is { } notPaid)
        {
            return CommandResult.Rejected(notPaid);
        }

        var index = distribution.IndexOf(command.IdentityId);
        if (index < 0)
        {
            return CommandResult.Rejected(NothingUnclaimedFailure(distribution, command.IdentityId));
        }

        var payout = distribution.Payouts[index];
        switch (payout.Status)
        {
            case PayoutStatus.Paid or PayoutStatus.Claimed:
                return CommandResult.Rejected(new Failure(Reasons.Reasons.DistributionAlreadyPaid, "distribution", null, distribution.Id,
                    $"Identity {command.IdentityId} was already paid its share of distribution {distribution.Id}.") { Subject = command.IdentityId });
            case PayoutStatus.Reclaimed:
                return CommandResult.Rejected(ClaimExpiredFailure(distribution));
        }

        if (now >= distribution.Terms.ClaimUntil)
        {
            return CommandResult.Rejected(ClaimExpiredFailure(distribution));
        }

        var key = CashAccountKey.OfIdentity(command.IdentityId, distribution.Terms.Currency);
        return State.Cash.Find(key) is null
            ? CommandResult.Rejected(CashBook.MissingAccount(key))
            : CommandResult.Of(new DistributionClaimed(distribution.Id, distribution.Terms.SecurityId, command.IdentityId, payout.Net));
    }

    private CommandResult DecideReclaim(ReclaimDistribution command, DateTimeOffset now)
    {
        if (FindDistributionFor(command.DistributionId, command.Actor, out var distribution) is { } access)
        {
            return CommandResult.Rejected(access);
        }

        if (CheckPaid(distribution) is { } notPaid)
        {
            return CommandResult.Rejected(notPaid);
        }

        if (now < distribution.Terms.ClaimUntil)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.ClaimPeriodOpen, "claim_until", distribution.Terms.ClaimUntil.ToString("O"),
                now.ToString("O"), $"Reclaim at or after {distribution.Terms.ClaimUntil:O}.") { Subject = distribution.Id });
        }

        return distribution.Unclaimed.IsZero
            ? CommandResult.Rejected(NothingUnclaimedFailure(distribution, "any holder"))
            : CommandResult.Of(new DistributionReclaimed(distribution.Id, distribution.Terms.SecurityId, distribution.Unclaimed.Units));
    }

    private CommandResult DecideCancel(CancelDistribution command)
    {
        if (FindDistributionFor(command.DistributionId, command.Actor, out var distribution) is { } access)
        {
            return CommandResult.Rejected(access);
        }

        return CheckAnnounced(distribution) is { } status
            ? CommandResult.Rejected(status)
            : CommandResult.Of(new DistributionCancelled(distribution.Id, distribution.Terms.SecurityId));
    }

    private Failure? FindDistributionFor(string distributionId, Actor actor, out DistributionState distribution)
    {
        if (!State.Distributions.TryGetValue(distributionId, out distribution!))
        {
            return NotFound("distribution", distributionId);
        }

        return actor.MayAct(distribution.IssuerId, Permissions.Actions)
            ? null
            : Denied("actions", $"Distribution {distributionId} needs the actions permission for issuer {distribution.IssuerId}.");
    }

    private static Failure? CheckAnnounced(DistributionState distribution) => distribution.Status switch
    {
        DistributionStatus.Paid => new Failure(Reasons.Reasons.DistributionAlreadyPaid, "distribution", null, distribution.Id,
            $"Distribution {distribution.Id} was paid at {distribution.PaidAt:O}; read its report instead.") { Subject = distribution.Id },
        DistributionStatus.Cancelled => new Failure(Reasons.Reasons.DistributionCancelled, "distribution", null, distribution.Id,
            $"Distribution {distribution.Id} was cancelled; announce a new one.") { Subject = distribution.Id },
        _ => null,
    };

    private static Failure? CheckPaid(DistributionState distribution) => distribution.Status switch
    {
        DistributionStatus.Paid => null,
        DistributionStatus.Cancelled => CheckAnnounced(distribution),
        _ => new Failure(Reasons.Reasons.DistributionNotPaid, "distribution", "paid", "announced",
            $"Distribution {distribution.Id} is not paid yet; pay it first.") { Subject = distribution.Id },
    };

    private static Failure ClaimExpiredFailure(DistributionState distribution) =>
        new(Reasons.Reasons.ClaimPeriodExpired, "claim_until", distribution.Terms.ClaimUntil.ToString("O"), null,
            $"The claim period of distribution {distribution.Id} ended at {distribution.Terms.ClaimUntil:O}; ask the issuer.") { Subject = distribution.Id };

    private static Failure NothingUnclaimedFailure(DistributionState distribution, string holder) =>
        new(Reasons.Reasons.NothingUnclaimed, "distribution", null, distribution.Id,
            $"Distribution {distribution.Id} holds nothing for {holder}.") { Subject = holder };

    private static Failure NoEligibleSupplyFailure(DateTimeOffset recordAt) =>
        new(Reasons.Reasons.NoEligibleSupply, "record_at", recordAt.ToString("O"), "0",
            $"No units outside the excluded holders were held at {recordAt:O}; choose another record instant or fewer exclusions.");

    private static Failure RedeemedFailure(string securityId) =>
        new(Reasons.Reasons.SecurityRedeemed, "status", null, "redeemed",
            $"Security {securityId} was redeemed at maturity; nothing more can be paid on it or done with its units.") { Subject = securityId };

    /// <summary>Returns the sum of the balances at the instant, leaving out the excluded identities.</summary>
    private static Amount EligibleUnitsAt(SecurityState security, DateTimeOffset recordAt, IReadOnlyList<string> excluded)
    {
        var total = Amount.Zero;
        foreach (var position in security.Positions.Values)
        {
            if (!excluded.Contains(position.IdentityId))
            {
                total = total.Plus(position.History.At(recordAt));
            }
        }

        return total;
    }
}
