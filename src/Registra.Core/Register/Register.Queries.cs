using Registra.Amounts;
using Registra.Securities;

namespace Registra.Register;

/// <summary>One account's balance in a holder list.</summary>
public sealed record HolderBalance(string AccountId, string IdentityId, Amount Balance);

public sealed partial class Register
{
    /// <summary>
    /// Parses a decimal amount for a security: <c>invalid_granularity</c> when it has more decimal
    /// places than the security allows, <c>invalid_amount</c> when it is not a positive decimal.
    /// </summary>
    public (Amount Amount, Reasons.Failure? Failure) ParseAmount(string securityId, string? text) =>
        State.Securities.TryGetValue(securityId, out var security)
            ? ParseAmount(text, security.Definition.Decimals)
            : (Amount.Zero, NotFound("security", securityId));

    /// <summary>
    /// Parses a positive decimal amount with at most <paramref name="decimals"/> decimal places:
    /// <c>invalid_granularity</c> for more places, <c>invalid_amount</c> for anything else that is not a positive decimal.
    /// </summary>
    public static (Amount Amount, Reasons.Failure? Failure) ParseAmount(string? text, int decimals)
    {
        var parsed = Amount.Parse(text, decimals);
        var quoted = text is null ? null : Amount.Excerpt(text);
        if (parsed.IsGranularityError)
        {
            return (Amount.Zero, new Reasons.Failure(Reasons.Reasons.InvalidGranularity, "amount",
                decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), quoted,
                $"The amount '{quoted}' has more than {decimals} decimal places; round it to at most {decimals}.") { Subject = quoted });
        }

        if (!parsed.IsValid || !parsed.Amount.IsPositive)
        {
            var reason = parsed.Error ?? $"the amount '{quoted}' must be greater than zero";
            return (Amount.Zero, new Reasons.Failure(Reasons.Reasons.InvalidAmount, "amount", null, quoted,
                char.ToUpperInvariant(reason[0]) + reason[1..] + "; send a positive decimal string such as \"12.5\".") { Subject = quoted });
        }

        return (parsed.Amount, null);
    }

    /// <summary>Rejects a point-in-time read at an instant after <paramref name="now"/> with <c>at_time_in_future</c>.</summary>
    public static Reasons.Failure? CheckInstant(DateTimeOffset at, DateTimeOffset now) =>
        at <= now
            ? null
            : new Reasons.Failure(Reasons.Reasons.AtTimeInFuture, "at", now.ToString("O"), at.ToString("O"),
                "Ask for an instant that has passed; future balances are not known yet.") { Subject = at.ToString("O") };

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
