using Registra.Amounts;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>Applies one event to the state. Events were validated when decided, so this never rejects.</summary>
    private void Evolve(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case Transferred e:
                var transferSecurity = State.Securities[e.SecurityId];
                EvolveTransfer(e, transferSecurity, transferSecurity.Positions[e.FromAccountId],
                    GetOrCreatePosition(transferSecurity, e.ToAccountId), at);
                break;
            case Issued e:
                EvolveIssue(e, at);
                break;
            case Redeemed e:
                EvolveRedeem(e, at);
                break;
            case AmountFrozen e:
                var frozenPosition = GetOrCreatePosition(State.Securities[e.SecurityId], e.AccountId);
                frozenPosition.Frozen = frozenPosition.Frozen.Plus(new Amount(e.Units));
                break;
            case AmountUnfrozen e:
                var unfrozenPosition = State.Securities[e.SecurityId].Positions[e.AccountId];
                unfrozenPosition.Frozen = unfrozenPosition.Frozen.Minus(new Amount(e.Units));
                break;
            case AccountFrozen e:
                GetOrCreatePosition(State.Securities[e.SecurityId], e.AccountId).IsFrozen = true;
                break;
            case AccountUnfrozen e:
                State.Securities[e.SecurityId].Positions[e.AccountId].IsFrozen = false;
                break;
            case SecurityPaused e:
                State.Securities[e.SecurityId].Status = SecurityStatus.Paused;
                break;
            case SecurityUnpaused e:
                State.Securities[e.SecurityId].Status = SecurityStatus.Active;
                break;
            default:
                if (!EvolveMarket(registerEvent, at))
                {
                    EvolveSetup(registerEvent, at);
                }

                break;
        }
    }

    private void EvolveSetup(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case IssuerCreated e:
                State.Issuers.Add(e.IssuerId, new IssuerState(e.IssuerId, e.Name, e.Lei));
                break;
            case SecurityCreated e:
                var definition = new SecurityDefinition(e.SecurityId, e.IssuerId, e.Name, e.Symbol, e.AssetClass, e.Decimals,
                    e.SupplyCap is { } cap ? new Amount(cap) : null, e.Identifiers, e.Terms);
                State.Securities.Add(e.SecurityId, new SecurityState(definition));
                break;
            case TrustedIssuerAdded e:
                State.Securities[e.SecurityId].TrustedIssuers.Add(e.ClaimIssuerId);
                RefreshProfiles(State.Securities[e.SecurityId], at);
                break;
            case TrustedIssuerRemoved e:
                State.Securities[e.SecurityId].TrustedIssuers.Remove(e.ClaimIssuerId);
                RefreshProfiles(State.Securities[e.SecurityId], at);
                break;
            case RulesSet e:
                var security = State.Securities[e.SecurityId];
                security.Rules = new RuleSet(e.Version, RuleSet.FromJson(e.RulesJson));
                if (!security.Rules.Has<VolumeLimitRule>())
                {
                    security.Outflows.Clear();
                }

                break;
            case ClaimIssuerRegistered e:
                State.ClaimIssuers.Add(e.ClaimIssuerId, e.Name);
                break;
            case IdentityRegistered e:
                State.Identities.Add(e.IdentityId, new IdentityState(e.IdentityId, e.Kind, e.Name));
                break;
            case AccountAdded e:
                State.Accounts.Add(e.AccountId, new AccountState(e.AccountId, e.IdentityId));
                State.Identities[e.IdentityId].Accounts.Add(e.AccountId);
                break;
            case ClaimAdded e:
                State.Identities[e.IdentityId].AddClaim(
                    new Claim(e.ClaimId, e.ClaimType, e.Value, e.ClaimIssuerId, e.ValidFrom, e.ValidUntil));
                RefreshProfiles(e.IdentityId, at);
                break;
            case ClaimRevoked e:
                State.Identities[e.IdentityId].RevokeClaim(e.ClaimId);
                RefreshProfiles(e.IdentityId, at);
                break;
            case AccountRecovered e:
                EvolveRecovery(e, at);
                break;
            case TransferQueued e:
                var queued = new PendingTransfer(e.TransferId, e.SecurityId, e.FromAccountId, e.ToAccountId, new Amount(e.Units), e.ExpiresAt);
                State.PendingTransfers.Add(e.TransferId, queued);
                ChangeHeld(queued.SecurityId, queued.FromAccountId, queued.Amount);
                break;
            case TransferApproved e:
                State.PendingTransfers[e.TransferId].Approvals.Add(new ApprovalGiven(e.Agent, at));
                ResolvePending(e.TransferId, PendingStatus.Approved);
                break;
            case TransferDenied e:
                ResolvePending(e.TransferId, PendingStatus.Denied);
                break;
            case SecuritySplit e:
                EvolveSplit(e, at);
                break;
            case StockSplit e:
                EvolveStockSplit(e, at);
                break;
            case StockDividendIssued e:
                EvolveStockDividend(e, at);
                break;
            case BallotCreated or VoteCast or BallotCertified:
                EvolveBallot(registerEvent);
                break;
            case DocumentAttached or DocumentRemoved:
                EvolveDocument(registerEvent, at);
                break;
            case Cash.CashAccountOpened or Cash.CashDeposited or Cash.CashWithdrawn or Cash.CashInLieuPaid:
                EvolveCash(registerEvent, at);
                break;
            case { Type: >= EventType.DistributionAnnounced and <= EventType.SecurityRedeemedAtMaturity }:
                EvolveDistribution(registerEvent, at);
                break;
            default:
                throw new InvalidOperationException($"No state change is defined for event {registerEvent.GetType().Name}.");
        }
    }

    private void EvolveIssue(Issued e, DateTimeOffset at)
    {
        var security = State.Securities[e.SecurityId];
        var position = GetOrCreatePosition(security, e.AccountId);
        var amount = new Amount(e.Units);
        ChangeBalance(security, position, amount, at);
        AddLot(position, new Lot(amount, e.AcquiredAt));
        security.Supply = security.Supply.Plus(amount);
        security.SupplyHistory.Record(at, security.Supply);
    }

    private void EvolveRedeem(Redeemed e, DateTimeOffset at)
    {
        var security = State.Securities[e.SecurityId];
        var position = security.Positions[e.AccountId];
        var amount = new Amount(e.Units);
        ChangeBalance(security, position, Amount.Zero.Minus(amount), at);
        TakeLots(position, amount, keep: null);
        security.Supply = security.Supply.Minus(amount);
        security.SupplyHistory.Record(at, security.Supply);
    }

    private void EvolveTransfer(Transferred e, SecurityState security, Position from, Position to, DateTimeOffset at)
    {
        var amount = new Amount(e.Units);

        ChangeBalance(security, from, Amount.Zero.Minus(amount), at);
        ChangeBalance(security, to, amount, at);

        // A forced move keeps the lots' acquisition instants; an ordinary transfer starts a new lot.
        if (e.Forced)
        {
            var moved = new List<Lot>();
            TakeLots(from, amount, moved);
            foreach (var lot in moved)
            {
                AddLot(to, lot);
            }
        }
        else
        {
            TakeLots(from, amount, keep: null);
            AddLot(to, new Lot(amount, at));
            RecordOutflow(security, from.IdentityId, amount, at);
        }
    }

    private static void RecordOutflow(SecurityState security, string identityId, Amount amount, DateTimeOffset at)
    {
        // The earliest window start over all volume limits; MaxValue when there is none.
        var longest = DateTimeOffset.MaxValue;
        var rules = security.Rules.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is VolumeLimitRule rule)
            {
                var start = rule.WindowStart(at);
                longest = start < longest ? start : longest;
            }
        }

        if (longest == DateTimeOffset.MaxValue)
        {
            return;
        }

        if (!security.Outflows.TryGetValue(identityId, out var outflows))
        {
            outflows = new Queue<(DateTimeOffset At, Amount Amount)>();
            security.Outflows.Add(identityId, outflows);
        }

        outflows.Enqueue((at, amount));
        while (outflows.Count > 0 && outflows.Peek().At <= longest)
        {
            outflows.Dequeue();
        }
    }

    private void EvolveRecovery(AccountRecovered e, DateTimeOffset at)
    {
        State.Accounts[e.OldAccountId].RecoveredTo = e.NewAccountId;
        foreach (var security in State.Securities.Values)
        {
            if (!security.Positions.TryGetValue(e.OldAccountId, out var old))
            {
                continue;
            }

            // The identity's total does not change, so holder counts stay as they are.
            var target = GetOrCreatePosition(security, e.NewAccountId);
            target.Balance = target.Balance.Plus(old.Balance);
            target.Frozen = target.Frozen.Plus(old.Frozen);
            target.IsFrozen |= old.IsFrozen;
            foreach (var lot in old.Lots)
            {
                AddLot(target, lot);
            }

            target.History.Record(at, target.Balance);
            old.Balance = Amount.Zero;
            old.Frozen = Amount.Zero;
            old.IsFrozen = false;
            old.Lots = [];
            old.History.Record(at, Amount.Zero);
        }
    }

    private Position GetOrCreatePosition(SecurityState security, string accountId)
    {
        if (!security.Positions.TryGetValue(accountId, out var position))
        {
            position = new Position(accountId, State.Accounts[accountId].IdentityId);
            security.Positions.Add(accountId, position);
        }

        return position;
    }

    /// <summary>Changes a balance and keeps the identity's total, the holder counts and the history in step.</summary>
    private void ChangeBalance(SecurityState security, Position position, Amount delta, DateTimeOffset at)
    {
        position.Balance = position.Balance.Plus(delta);
        position.History.Record(at, position.Balance);

        var identityId = position.IdentityId;
        if (security.HolderOf(position) is not { } entry)
        {
            entry = new HolderEntry();
            var profile = HolderProfile.Of(State.Identities[identityId], at, security.TrustedIssuers);
            entry.Country = profile.Country;
            entry.Accredited = profile.Accredited;
            security.ListHolder(identityId, entry);
            position.KnownHolder = entry;
            Count(security, entry, +1);
        }

        entry.Total = entry.Total.Plus(delta);
        if (entry.Total.IsZero)
        {
            security.UnlistHolder(identityId);
            Count(security, entry, -1);
        }
    }

    private static void Count(SecurityState security, HolderEntry entry, int change)
    {
        if (entry.Country is { } country)
        {
            var count = security.HoldersByCountry.GetValueOrDefault(country) + change;
            if (count == 0)
            {
                security.HoldersByCountry.Remove(country);
            }
            else
            {
                security.HoldersByCountry[country] = count;
            }
        }

        if (!entry.Accredited)
        {
            security.NonAccreditedHolders += change;
        }
    }

    private void RefreshProfiles(string identityId, DateTimeOffset at)
    {
        foreach (var security in State.Securities.Values)
        {
            if (security.Holders.TryGetValue(identityId, out var entry))
            {
                Reclassify(security, identityId, entry, at);
            }
        }
    }

    private void RefreshProfiles(SecurityState security, DateTimeOffset at)
    {
        foreach (var (identityId, entry) in security.Holders)
        {
            Reclassify(security, identityId, entry, at);
        }
    }

    private void Reclassify(SecurityState security, string identityId, HolderEntry entry, DateTimeOffset at)
    {
        var profile = HolderProfile.Of(State.Identities[identityId], at, security.TrustedIssuers);
        Count(security, entry, -1);
        entry.Country = profile.Country;
        entry.Accredited = profile.Accredited;
        Count(security, entry, +1);
    }

    /// <summary>Adds a lot keeping lots ordered by acquisition; a lot acquired at the same instant as another merges with it.</summary>
    private static void AddLot(Position position, Lot lot)
    {
        var lots = position.Lots;
        var index = lots.Count;
        while (index > 0 && lots[index - 1].AcquiredAt > lot.AcquiredAt)
        {
            index--;
        }

        if (index > 0 && lots[index - 1].AcquiredAt == lot.AcquiredAt)
        {
            lots[index - 1] = lots[index - 1] with { Amount = lots[index - 1].Amount.Plus(lot.Amount) };
            return;
        }

        lots.Insert(index, lot);
    }

    /// <summary>Spends lots oldest first; the spent parts go to <paramref name="keep"/> when given.</summary>
    private static void TakeLots(Position position, Amount amount, List<Lot>? keep)
    {
        var lots = position.Lots;
        var remaining = amount;
        var consumed = 0;
        while (remaining.IsPositive && consumed < lots.Count)
        {
            var lot = lots[consumed];
            var taken = Amount.Min(lot.Amount, remaining);
            keep?.Add(lot with { Amount = taken });
            remaining = remaining.Minus(taken);
            if (taken == lot.Amount)
            {
                consumed++;
            }
            else
            {
                lots[consumed] = lot with { Amount = lot.Amount.Minus(taken) };
            }
        }

        lots.RemoveRange(0, consumed);
    }
}
