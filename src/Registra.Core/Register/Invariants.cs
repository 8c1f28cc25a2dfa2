using Registra.Amounts;

namespace Registra.Register;

/// <summary>Checks the register's invariants; a violation means a bug or a tampered journal.</summary>
public static partial class Invariants
{
    /// <summary>Returns every violation found, as sentences naming the security and account.</summary>
    public static List<string> Check(RegisterState state)
    {
        var violations = new List<string>();
        foreach (var security in state.Securities.Values)
        {
            var sum = Amount.Zero;
            var totals = new Dictionary<string, Amount>();
            foreach (var position in security.Positions.Values)
            {
                sum = sum.Plus(position.Balance);
                totals[position.IdentityId] = totals.GetValueOrDefault(position.IdentityId).Plus(position.Balance);
                CheckPosition(security.Id, position, violations);
            }

            if (sum != security.Supply)
            {
                violations.Add($"security {security.Id}: supply {security.Supply} differs from the sum of balances {sum}");
            }

            var holders = totals.Count(pair => pair.Value.IsPositive);
            if (holders != security.HolderCount)
            {
                violations.Add($"security {security.Id}: holder count {security.HolderCount} differs from {holders} identities with a balance");
            }

            CheckHolderEntries(security, totals, violations);

            if (security.SupplyCap is { } cap && security.Supply > cap)
            {
                violations.Add($"security {security.Id}: supply {security.Supply} is above the cap {cap}");
            }
        }

        CheckBallots(state, violations);
        CheckApprovals(state, violations);
        CheckCash(state, violations);
        CheckDistributions(state, violations);
        Market.MarketInvariants.Check(state, violations);
        return violations;
    }

    /// <summary>
    /// Each holder entry carries its identity's total and is marked listed, and an entry a position
    /// remembers as listed is the one in the table.
    /// </summary>
    private static void CheckHolderEntries(Securities.SecurityState security, Dictionary<string, Amount> totals, List<string> violations)
    {
        foreach (var (identityId, entry) in security.Holders)
        {
            if (entry.Total != totals.GetValueOrDefault(identityId))
            {
                violations.Add($"security {security.Id}: holder {identityId} has total {entry.Total} but its positions add up to {totals.GetValueOrDefault(identityId)}");
            }

            if (!entry.Listed)
            {
                violations.Add($"security {security.Id}: the holder entry of {identityId} is in the table but not marked listed");
            }
        }

        foreach (var position in security.Positions.Values)
        {
            if (position.KnownHolder is { Listed: true } known && !ReferenceEquals(known, security.Holders.GetValueOrDefault(position.IdentityId)))
            {
                violations.Add($"security {security.Id}: account {position.AccountId} remembers a listed holder entry that is not in the table");
            }
        }
    }

    /// <summary>Every vote names an existing choice, and certified results equal a recount of the votes.</summary>
    private static void CheckBallots(RegisterState state, List<string> violations)
    {
        foreach (var ballot in state.Ballots.Values)
        {
            foreach (var (identityId, voter) in ballot.Voters)
            {
                for (var m = 0; m < voter.Choices.Length; m++)
                {
                    if (voter.Choices[m] > ballot.Motions[m].Choices.Count)
                    {
                        violations.Add($"ballot {ballot.Id}: identity {identityId} chose {voter.Choices[m]} on motion {m + 1}, which has fewer choices");
                    }
                }
            }

            if (ballot.Result is not { } result)
            {
                continue;
            }

            var recount = CorporateActions.Ballots.BallotTally.Compute(ballot, result.SupplyAtRecord, result.AsOfSequence);
            var same = recount.Turnout == result.Turnout && recount.QuorumMet == result.QuorumMet && recount.Voters == result.Voters
                && recount.Motions.Zip(result.Motions).All(pair => pair.First.Winner == pair.Second.Winner
                    && pair.First.Weights.SequenceEqual(pair.Second.Weights));
            if (!same)
            {
                violations.Add($"ballot {ballot.Id}: the certified results differ from a recount of the votes");
            }
        }
    }

    /// <summary>
    /// Approvals of a queued transfer come from distinct callers, each among the listed approvers
    /// when there is a list. An approved transfer has exactly the required number, any other fewer.
    /// </summary>
    private static void CheckApprovals(RegisterState state, List<string> violations)
    {
        foreach (var pending in state.PendingTransfers.Values)
        {
            var approvers = pending.Approvals.Select(approval => approval.Approver).ToList();
            if (approvers.Distinct(StringComparer.Ordinal).Count() != approvers.Count)
            {
                violations.Add($"queued transfer {pending.Id}: one caller approved it twice");
            }

            if (pending.Approvers.Count > 0 && approvers.Except(pending.Approvers, StringComparer.Ordinal).Any())
            {
                violations.Add($"queued transfer {pending.Id}: approved by a caller outside its approvers");
            }

            var complete = approvers.Count == pending.RequiredApprovals;
            if (pending.Status == PendingStatus.Approved ? !complete : approvers.Count >= pending.RequiredApprovals)
            {
                violations.Add($"queued transfer {pending.Id}: {pending.Status} with {approvers.Count} of {pending.RequiredApprovals} approvals");
            }
        }
    }

    private static void CheckPosition(string securityId, Securities.Position position, List<string> violations)
    {
        var where = $"security {securityId}, account {position.AccountId}";
        if (position.Balance.IsNegative)
        {
            violations.Add($"{where}: negative balance {position.Balance}");
        }

        if (position.Frozen.IsNegative || position.Frozen > position.Balance)
        {
            violations.Add($"{where}: frozen {position.Frozen} is outside 0..{position.Balance}");
        }

        if (position.Held.IsNegative || position.Spendable.IsNegative)
        {
            violations.Add($"{where}: held {position.Held} plus frozen {position.Frozen} is outside 0..{position.Balance}");
        }

        var lots = Amount.Zero;
        foreach (var lot in position.Lots)
        {
            lots = lots.Plus(lot.Amount);
        }

        if (lots != position.Balance)
        {
            violations.Add($"{where}: lots sum to {lots}, not the balance {position.Balance}");
        }
    }
}
