using System.Globalization;
using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.CorporateActions;

/// <summary>
/// Reads typed values from a security's free-form terms and collects one <c>invalid_terms</c>
/// failure per bad or missing key, so a caller sees every problem at once.
/// </summary>
internal sealed class TermReader(IReadOnlyDictionary<string, string> terms, string subject)
{
    private readonly List<Failure> _failures = [];

    public IReadOnlyList<Failure> Failures => _failures;

    public bool Has(string key) => terms.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);

    public string? Text(string key) => terms.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public void Fail(string key, string? value, string hint) =>
        _failures.Add(new Failure(Reasons.Reasons.InvalidTerms, key, key, value, $"Security {subject}: {hint}") { Subject = subject });

    /// <summary>Reads a decimal, percentage or fraction; null when missing (reported when <paramref name="required"/>) or invalid (reported).</summary>
    public Rational? Number(string key, bool required, string example)
    {
        var text = Text(key);
        if (text is null)
        {
            if (required)
            {
                Fail(key, null, $"the term '{key}' is missing; set it to a number such as \"{example}\".");
            }

            return null;
        }

        if (!Rational.TryParse(text, out var value))
        {
            Fail(key, text, $"the term '{key}' is '{text}', which is not a number such as \"{example}\".");
            return null;
        }

        return value;
    }

    /// <summary>
    /// Reads a money term written as "1000.00 USD" or "1000.00". The currency in the value must be
    /// an active ISO 4217 code and agree with <paramref name="expected"/> when one is given.
    /// </summary>
    public (Rational Amount, CurrencyCode? Currency)? Money(string key, bool required, CurrencyCode? expected)
    {
        var text = Text(key);
        if (text is null)
        {
            if (required)
            {
                Fail(key, null, $"the term '{key}' is missing; set it to an amount such as \"1000.00 USD\".");
            }

            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 2 || !Rational.TryParse(parts[0], out var amount) || parts[0].Contains('/', StringComparison.Ordinal) || parts[0].EndsWith('%'))
        {
            Fail(key, text, $"the term '{key}' is '{text}', which is not an amount such as \"1000.00 USD\".");
            return null;
        }

        if (parts.Length == 1)
        {
            return (amount, null);
        }

        if (!CurrencyCode.TryParse(parts[1], out var currency))
        {
            Fail(key, text, $"the term '{key}' names the currency '{parts[1]}': {CurrencyCode.Validate(parts[1])}.");
            return null;
        }

        if (expected is { } wanted && wanted != currency)
        {
            Fail(key, text, $"the term '{key}' is in {currency}, not in {wanted}; state every amount in the same currency.");
            return null;
        }

        return (amount, currency);
    }

    /// <summary>Reads a calendar date in the form yyyy-MM-dd.</summary>
    public DateOnly? Date(string key, bool required)
    {
        var text = Text(key);
        if (text is null)
        {
            if (required)
            {
                Fail(key, null, $"the term '{key}' is missing; set it to a date such as \"2026-01-15\".");
            }

            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(key, text, $"the term '{key}' is '{text}', which is not a date in the form yyyy-MM-dd such as \"2026-01-15\".");
            return null;
        }

        return date;
    }

    /// <summary>Reads one of the named choices, ignoring case; <paramref name="fallback"/> when the key is absent.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices, T? fallback)
        where T : struct
    {
        var text = Text(key);
        if (text is null)
        {
            if (fallback is null)
            {
                Fail(key, null, $"the term '{key}' is missing; set it to one of: {string.Join(", ", choices.Keys)}.");
            }

            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Fail(key, text, $"the term '{key}' is '{text}'; use one of: {string.Join(", ", choices.Keys)}.");
        return null;
    }
}
