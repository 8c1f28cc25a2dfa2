namespace Registra.Amounts;

/// <summary>Outcome of parsing a decimal amount: the amount, or why it was rejected.</summary>
public readonly record struct AmountParseResult(Amount Amount, string? Error, bool IsGranularityError)
{
    public bool IsValid => Error is null;

    public static AmountParseResult Valid(Amount amount) => new(amount, null, false);

    public static AmountParseResult Invalid(string error) => new(default, error, false);

    public static AmountParseResult TooPrecise(int decimals) =>
        new(default, $"the security allows at most {decimals} decimal places", true);
}
