using Registra.Amounts;

namespace Registra.Register;

/// <summary>Checks the register's invariants; a violation means a bug or a tampered journal.</summary>
public static class Invariants
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

            if (security.Definition.SupplyCap is { } cap && security.Supply > cap)
            {
                violations.Add($"security {security.Id}: supply {security.Supply} is above the cap {cap}");
            }
        }

        return violations;
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
