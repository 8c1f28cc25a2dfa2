namespace Registra.Compliance;

/// <summary>
/// A rule parameter parsed on first use, such as a decimal amount or an ISO 8601 period, so that
/// checks do not parse the same text for every movement. It takes no part in the rule's equality.
/// A parsed value is reused only for the same text instance and decimals, so a copy of the rule made
/// with <c>with</c> that changes the text parses again. Safe to share between threads, because each
/// parse publishes one immutable entry.
/// </summary>
internal sealed class ParsedParameter<T>
    where T : struct
{
    private Entry? _entry;

    public T Get(string text, int decimals, Func<string, int, T> parse)
    {
        var entry = _entry;
        if (entry is null || !ReferenceEquals(entry.Text, text) || entry.Decimals != decimals)
        {
            entry = new Entry(text, decimals, parse(text, decimals));
            _entry = entry;
        }

        return entry.Value;
    }

    public override bool Equals(object? obj) => obj is ParsedParameter<T>;

    public override int GetHashCode() => 0;

    private sealed record Entry(string Text, int Decimals, T Value);
}
