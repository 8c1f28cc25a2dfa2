namespace Registra.Identifiers;

/// <summary>
/// Validation of a security or reference identifier whose kind is given as text, for callers
/// that read the kind from data and report errors as values instead of exceptions.
/// </summary>
public static class SecurityIdentifier
{
    /// <summary>The accepted kinds, in lower case.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["isin", "cusip", "lei", "figi", "vin"];

    /// <summary>
    /// Returns null when <paramref name="value"/> is a valid identifier of the given kind
    /// ("isin", "cusip", "lei", "figi" or "vin", in any case), or else the error message.
    /// An unknown kind also returns an error message.
    /// </summary>
    public static string? Validate(string kind, string? value)
    {
        ArgumentNullException.ThrowIfNull(kind);

        return kind.Trim().ToLowerInvariant() switch
        {
            "isin" => Isin.Validate(value),
            "cusip" => Cusip.Validate(value),
            "lei" => Lei.Validate(value),
            "figi" => Figi.Validate(value),
            "vin" => Vin.Validate(value),
            _ => $"Unknown identifier kind {IdentifierText.Quote(kind)}; expected one of {string.Join(", ", Kinds)}.",
        };
    }
}
