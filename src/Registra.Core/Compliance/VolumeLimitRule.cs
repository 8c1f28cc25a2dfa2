using Registra.Amounts;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// Caps what one identity may send within a rolling window ending now; a transfer made
/// exactly one window ago no longer counts.
/// </summary>
/// <param name="Max">Decimal amount in the security's units.</param>
/// <param name="Window">ISO 8601 duration such as "PT24H" or "P7D".</param>
public sealed record VolumeLimitRule(string Max, string Window) : Rule
{
    public override string TypeName => "volume_limit";

    public override string? Validate(int decimals) =>
        RuleAmount.Validate(Max, decimals, "max")
        ?? (CalendarPeriod.TryParse(Window) is null ? $"window '{Window}' must be an ISO 8601 duration such as PT24H" : null);

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (!check.ChecksSender || check.Sender is null)
        {
            return;
        }

        var after = SentWithin(check).Plus(check.Amount);
        if (after > RuleAmount.Units(Max, check.Decimals))
        {
            failures.Add(Fail(Reasons.Reasons.VolumeLimitExceeded, Max, check.FormatAmount(after),
                $"Identity {check.Sender.Id} may send at most {Max} per {Window}; wait or send less.") with { Subject = check.Sender.Id });
        }
    }

    private Amount SentWithin(TransferCheck check)
    {
        if (!check.Security.Outflows.TryGetValue(check.Sender!.Id, out var outflows))
        {
            return Amount.Zero;
        }

        var start = CalendarPeriod.TryParse(Window)!.Value.SubtractFrom(check.Now);
        var total = Amount.Zero;
        foreach (var (at, amount) in outflows)
        {
            if (at > start)
            {
                total = total.Plus(amount);
            }
        }

        return total;
    }
}
