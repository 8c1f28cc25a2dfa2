using System.Text.Json.Serialization;
using Registra.Amounts;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Compliance;

/// <summary>
/// Units may leave an account only after the period has run from the lot's acquisition
/// (for example Rule 144's 6 or 12 months). Lots are spent oldest first.
/// </summary>
/// <param name="Period">ISO 8601 duration such as "P12M".</param>
public sealed record HoldingPeriodRule(string Period) : Rule
{
    private readonly ParsedParameter<CalendarPeriod> _period = new();

    [JsonIgnore]
    public override string TypeName => "holding_period";

    public override string? Validate(int decimals) =>
        CalendarPeriod.TryParse(Period) is null ? $"period '{Period}' must be an ISO 8601 duration such as P12M or P6M" : null;

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (!check.ChecksSender || check.From is null)
        {
            return;
        }

        var period = _period.Get(Period, 0, RuleAmount.Period);
        var available = Unlocked(check.From, check.Now, period);
        if (available < check.Amount)
        {
            failures.Add(Fail(Reasons.Reasons.TokensLocked, check.FormatAmount(check.Amount), check.FormatAmount(available),
                $"Units acquired less than {Period} ago cannot move yet; send at most {check.FormatAmount(available)}.")
                with { Subject = check.From.AccountId });
        }
    }

    /// <summary>Sums the lots whose holding period has ended at the instant.</summary>
    public static Amount Unlocked(Position position, DateTimeOffset now, CalendarPeriod period)
    {
        var total = Amount.Zero;
        foreach (var lot in position.Lots)
        {
            if (period.AddTo(lot.AcquiredAt) <= now)
            {
                total = total.Plus(lot.Amount);
            }
        }

        return total;
    }
}
