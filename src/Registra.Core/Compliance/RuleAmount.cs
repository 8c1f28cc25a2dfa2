using Registra.Amounts;

namespace Registra.Compliance;

/// <summary>Parses the decimal amount parameters of rules against the security's decimals.</summary>
internal static class RuleAmount
{
    public static string? Validate(string? text, int decimals, string parameter)
    {
        if (text is null)
        {
            return null;
        }

        var parsed = Amount.Parse(text, decimals);
        if (!parsed.IsValid)
        {
            return $"{parameter}: {parsed.Error}";
        }

        return parsed.Amount.IsNegative ? $"{parameter}: '{text}' must not be negative" : null;
    }

    public static Amount Units(string text, int decimals) => Amount.Parse(text, decimals).Amount;

    /// <summary>Parses a period that <see cref="Rule.Validate"/> accepted; the decimals are ignored.</summary>
    public static CalendarPeriod Period(string text, int decimals) => CalendarPeriod.TryParse(text)!.Value;
}
