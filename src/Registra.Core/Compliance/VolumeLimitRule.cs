using System.Text.Json.Serialization;
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
    private readonly ParsedParameter<Amount> _max = new();
    private readonly ParsedParameter<CalendarPeriod> _window = new();

    [JsonIgnore]
    public override string TypeName => "volume_limit";

    /// <summary>Returns the start of the window that ends at <paramref name="now"/>.</summary>
    internal DateTimeOffset WindowStart(DateTimeOffset now) => _window.Get(Window, 0, RuleAmount.Period).SubtractFrom(now);

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
        if (after > _max.Get(Max, check.Decimals, RuleAmount.Units))
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

        var start = WindowStart(check.Now);
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
