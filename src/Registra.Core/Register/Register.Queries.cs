using Registra.Amounts;
using Registra.Securities;

namespace Registra.Register;

/// <summary>One account's balance in a holder list.</summary>
public sealed record HolderBalance(string AccountId, string IdentityId, Amount Balance);

public sealed partial class Register
{
    /// <summary>Returns an account's balance at the instant: every event with timestamp &lt;= it counts.</summary>
    public Amount BalanceAt(string securityId, string accountId, DateTimeOffset at) =>
        State.Securities[securityId].Positions.TryGetValue(accountId, out var position) ? position.History.At(at) : Amount.Zero;

    public Amount SupplyAt(string securityId, DateTimeOffset at) => State.Securities[securityId].SupplyHistory.At(at);

    /// <summary>
    /// Lists every account with a non-zero balance at the instant, ordered by account id.
    /// Costs one binary search per position that ever existed, with no snapshot needed.
    /// </summary>
    public List<HolderBalance> HoldersAt(string securityId, DateTimeOffset at)
    {
        var holders = new List<HolderBalance>();
        foreach (var position in State.Securities[securityId].Positions.Values)
        {
            var balance = position.History.At(at);
            if (!balance.IsZero)
            {
                holders.Add(new HolderBalance(position.AccountId, position.IdentityId, balance));
            }
        }

        holders.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        return holders;
    }

    /// <summary>Lists the current non-zero positions, ordered by account id.</summary>
    public List<HolderBalance> Holders(string securityId)
    {
        var holders = new List<HolderBalance>();
        foreach (var position in State.Securities[securityId].Positions.Values)
        {
            if (position.Balance.IsPositive)
            {
                holders.Add(new HolderBalance(position.AccountId, position.IdentityId, position.Balance));
            }
        }

        holders.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        return holders;
    }

    public Position? PositionOf(string securityId, string accountId) =>
        State.Securities.GetValueOrDefault(securityId)?.Positions.GetValueOrDefault(accountId);
}
