using System.Globalization;
using Registra.Amounts;
using Registra.Identifiers;
using Registra.Reasons;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Api.Features.Market;

/// <summary>Parses the tick size of a market settings request in the currency's minor units.</summary>
internal static class TickSizeInput
{
    /// <summary>
    /// Returns the tick in minor units, or a failure. A tick finer than the currency's minor unit gets
    /// <c>invalid_granularity</c> with the currency's decimal places and the smallest tick it takes.
    /// </summary>
    public static (Amount Tick, Failure? Failure) Parse(string currency, string? text)
    {
        var minorUnits = CurrencyCode.Parse(currency).MinorUnits ?? 0;
        var (tick, failure) = RegisterMachine.ParseAmount(text, minorUnits);
        if (failure is null || failure.Code != Reasons.Reasons.InvalidGranularity)
        {
            return (tick, failure);
        }

        var code = currency.ToUpperInvariant();
        var smallest = new Amount(1).Format(minorUnits);
        var hint = minorUnits == 0
            ? $"The tick size '{failure.Current}' is finer than {code} allows, because {code} has no minor unit (0 decimal places). " +
              $"Send a whole number of {code} as the tickSize, such as \"1\"."
            : $"The tick size '{failure.Current}' is finer than {code} allows, because {code} has {minorUnits} decimal places. " +
              $"Send a multiple of {smallest} as the tickSize, such as \"{smallest}\".";
        return (Amount.Zero, new Failure(Reasons.Reasons.InvalidGranularity, "tick_size",
            minorUnits.ToString(CultureInfo.InvariantCulture), failure.Current, hint) { Subject = failure.Current });
    }
}
