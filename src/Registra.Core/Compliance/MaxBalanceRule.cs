using System.Text.Json.Serialization;
using System.Globalization;
using Registra.Amounts;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// Caps what one identity may hold across all its accounts: an absolute amount, a
/// percentage of the supply after the movement, or both. A holder above a lowered cap
/// keeps its units and may send, but not receive.
/// </summary>
/// <param name="Max">Absolute cap as a decimal string in the security's units.</param>
/// <param name="MaxPercentOfSupply">Cap as a percentage of supply with up to two decimals ("70", "4.99").</param>
public sealed record MaxBalanceRule(string? Max = null, string? MaxPercentOfSupply = null) : Rule
{
    private readonly ParsedParameter<Amount> _max = new();
    private readonly ParsedParameter<Amount> _basisPoints = new();

    [JsonIgnore]
    public override string TypeName => "max_balance";

    public override string? Validate(int decimals)
    {
        if (Max is null && MaxPercentOfSupply is null)
        {
            return "give 'max', 'maxPercentOfSupply' or both";
        }

        if (MaxPercentOfSupply is not null)
        {
            var percent = Amount.Parse(MaxPercentOfSupply, 2);
            if (!percent.IsValid || percent.Amount.IsNegative || percent.Amount.Units > 10_000)
            {
                return $"maxPercentOfSupply '{MaxPercentOfSupply}' must be a percentage from 0 to 100 with at most two decimals";
            }
        }

        return RuleAmount.Validate(Max, decimals, "max");
    }

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (!check.ChecksReceiver || check.Receiver is null || check.SameIdentity)
        {
            return;
        }

        var after = check.ReceiverTotalAfter;
        if (Max is not null && after > _max.Get(Max, check.Decimals, RuleAmount.Units))
        {
            failures.Add(Fail(Reasons.Reasons.MaxBalanceExceeded, Max, check.FormatAmount(after),
                $"Identity {check.Receiver.Id} may hold at most {Max}; send at most the difference.") with { Subject = check.Receiver.Id });
        }

        if (MaxPercentOfSupply is not null)
        {
            var basisPoints = _basisPoints.Get(MaxPercentOfSupply, 2, RuleAmount.Units).Units;
            var supply = check.SupplyAfter.Units;
            if (after.Units * 10_000 > basisPoints * supply)
            {
                var share = supply == 0 ? "100" : ((decimal)(after.Units * 10_000 / supply) / 100m).ToString(CultureInfo.InvariantCulture);
                failures.Add(Fail(Reasons.Reasons.MaxBalanceExceeded, MaxPercentOfSupply + "%", share + "%",
                    $"Identity {check.Receiver.Id} may hold at most {MaxPercentOfSupply}% of the supply.") with { Subject = check.Receiver.Id });
            }
        }
    }
}
