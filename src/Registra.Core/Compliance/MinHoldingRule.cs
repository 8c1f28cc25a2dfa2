using System.Text.Json.Serialization;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>
/// No identity may be left with a position strictly between zero and the minimum, and
/// amounts moved must be whole multiples of the round lot when one is set.
/// </summary>
public sealed record MinHoldingRule(string? Min = null, string? Lot = null) : Rule
{
    private readonly ParsedParameter<Amounts.Amount> _min = new();
    private readonly ParsedParameter<Amounts.Amount> _lot = new();

    [JsonIgnore]
    public override string TypeName => "min_holding";

    public override string? Validate(int decimals)
    {
        if (Min is null && Lot is null)
        {
            return "give 'min', 'lot' or both";
        }

        var error = RuleAmount.Validate(Min, decimals, "min") ?? RuleAmount.Validate(Lot, decimals, "lot");
        return error ?? (Lot is not null && RuleAmount.Units(Lot, decimals).IsZero ? "lot must be greater than zero" : null);
    }

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (Lot is not null)
        {
            var lot = _lot.Get(Lot, check.Decimals, RuleAmount.Units);
            if (check.Amount.Units % lot.Units != 0)
            {
                failures.Add(Fail(Reasons.Reasons.NotRoundLot, Lot, check.FormatAmount(check.Amount),
                    $"Move a multiple of {Lot}."));
            }
        }

        if (Min is null || check.SameIdentity)
        {
            return;
        }

        var min = _min.Get(Min, check.Decimals, RuleAmount.Units);
        if (check.ChecksSender && check.Sender is not null && IsBelow(check.SenderTotalAfter, min))
        {
            failures.Add(Fail(Reasons.Reasons.BelowMinHolding, Min, check.FormatAmount(check.SenderTotalAfter),
                $"Send everything or leave at least {Min}.") with { Subject = check.Sender.Id });
        }

        if (check.ChecksReceiver && check.Receiver is not null && IsBelow(check.ReceiverTotalAfter, min))
        {
            failures.Add(Fail(Reasons.Reasons.BelowMinHolding, Min, check.FormatAmount(check.ReceiverTotalAfter),
                $"The receiver must end with at least {Min}.") with { Subject = check.Receiver.Id });
        }
    }

    private static bool IsBelow(Amounts.Amount total, Amounts.Amount min) => total.IsPositive && total < min;
}
