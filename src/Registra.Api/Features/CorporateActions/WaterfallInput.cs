using Microsoft.AspNetCore.Http;
using Registra.Amounts;
using Registra.Api.Features.Register;
using Registra.Api.Problems;
using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.Api.Features.CorporateActions;

/// <summary>A checked waterfall request: the currency, the exit values in minor units and the instant.</summary>
internal sealed record WaterfallInput(CurrencyCode Currency, int MinorUnits, long? ExitAmount, IReadOnlyList<long> ExitValues, DateTimeOffset? At)
{
    public const int MaxExitValues = 1000;

    public static (WaterfallInput? Input, IResult? Problem) Parse(WaterfallRequest request, DateTimeOffset now)
    {
        if (!CurrencyCode.TryParse(request.Currency, out var currency))
        {
            return (null, ApiProblems.Rejected([new Failure(Reasons.Reasons.InvalidIdentifier, "currency", "ISO 4217", request.Currency,
                $"currency: {CurrencyCode.Validate(request.Currency)?.TrimEnd('.')}; send an active ISO 4217 code such as \"USD\".") { Subject = request.Currency }]));
        }

        if (currency.MinorUnits is not { } minorUnits)
        {
            return (null, ApiProblems.InvalidRequest($"currency: {currency} has no minor unit (ISO 4217 lists it as N.A.), so payouts cannot be counted in it; send a currency such as \"USD\".", currency.Value));
        }

        var failures = new List<Failure>();
        long? exitAmount = request.ExitAmount is null ? null : ParseExit("exitAmount", request.ExitAmount, minorUnits, failures);
        var values = new List<long>();
        foreach (var text in request.ExitValues ?? [])
        {
            if (ParseExit("exitValues", text, minorUnits, failures) is { } value)
            {
                values.Add(value);
            }
        }

        if (request.ExitRange is { } range)
        {
            AddRange(range, minorUnits, values, failures);
        }

        if (failures.Count > 0)
        {
            return (null, ApiProblems.Rejected(failures));
        }

        if (exitAmount is null && values.Count == 0)
        {
            return (null, ApiProblems.InvalidRequest("Send exitAmount, exitValues or exitRange: at least one exit value is needed."));
        }

        if (values.Count > MaxExitValues)
        {
            return (null, ApiProblems.InvalidRequest($"{values.Count} exit values were sent; send at most {MaxExitValues} in one request.",
                values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (request.At is { } at && Registra.Register.Register.CheckInstant(at, now) is { } future)
        {
            return (null, ApiProblems.Rejected([future]));
        }

        return (new WaterfallInput(currency, minorUnits, exitAmount, values, request.At?.ToUniversalTime()), null);
    }

    private static long? ParseExit(string field, string text, int minorUnits, List<Failure> failures)
    {
        var parsed = Amount.Parse(text, minorUnits);
        if (parsed.IsGranularityError)
        {
            failures.Add(new Failure(Reasons.Reasons.InvalidGranularity, field, minorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture), text,
                $"{field}: '{text}' has more than the currency's {minorUnits} decimal places; round it.") { Subject = text });
            return null;
        }

        if (!parsed.IsValid || parsed.Amount.IsNegative || parsed.Amount.Units > long.MaxValue)
        {
            var reason = "is not a decimal number";
            if (parsed.IsValid)
            {
                reason = parsed.Amount.IsNegative ? "is negative" : "is too large";
            }
            failures.Add(new Failure(Reasons.Reasons.InvalidAmount, field, null, text,
                $"{field}: '{text}' {reason}; send an exit value of zero or more as a decimal string such as \"3000000.00\".") { Subject = text });
            return null;
        }

        return (long)parsed.Amount.Units;
    }

    private static void AddRange(ExitRange range, int minorUnits, List<long> values, List<Failure> failures)
    {
        var from = ParseExit("exitRange.from", range.From, minorUnits, failures);
        var to = ParseExit("exitRange.to", range.To, minorUnits, failures);
        if (range.Count is < 2 or > MaxExitValues)
        {
            failures.Add(new Failure(Reasons.Reasons.InvalidArgument, "exitRange.count", $"2 to {MaxExitValues}",
                range.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"exitRange.count must be from 2 to {MaxExitValues}."));
            return;
        }

        if (from is not { } low || to is not { } high)
        {
            return;
        }

        if (high < low)
        {
            failures.Add(new Failure(Reasons.Reasons.InvalidArgument, "exitRange.to", range.From, range.To, "exitRange.to must be at least exitRange.from."));
            return;
        }

        // Values are low + (high - low) * k / (count - 1), rounded down to the minor unit; the ends are exact.
        var span = (Int128)(high - low);
        for (var k = 0; k < range.Count; k++)
        {
            values.Add(low + (long)(span * k / (range.Count - 1)));
        }
    }
}
