namespace Registra.Api.Features.CorporateActions;

/// <param name="From">Lowest exit value, a decimal string in the currency.</param>
/// <param name="To">Highest exit value, at least <paramref name="From"/>.</param>
/// <param name="Count">Number of evenly spaced values from From to To (both included), 2 to 1000.</param>
public sealed record ExitRange(string From, string To, int Count);

/// <param name="Currency">ISO 4217 code of the exit and of every amount in the classes' terms.</param>
/// <param name="ExitAmount">One exit value: the response has each class's and each holder's payout.</param>
/// <param name="ExitValues">Exit values for a chart: the response has each class's payout at each value.</param>
/// <param name="ExitRange">Evenly spaced exit values for a chart, added after <paramref name="ExitValues"/>.</param>
/// <param name="At">Use the positions at this past instant (RFC 3339) instead of the current ones.</param>
public sealed record WaterfallRequest(
    string Currency,
    string? ExitAmount = null,
    IReadOnlyList<string>? ExitValues = null,
    ExitRange? ExitRange = null,
    DateTimeOffset? At = null);

/// <summary>The terms a class entered the waterfall with.</summary>
/// <param name="Shares">Shares outstanding at the chosen instant.</param>
/// <param name="Preference">Preference amount in the currency: multiple times the invested amount; zero for common.</param>
/// <param name="Cap">Most the class may receive while it does not convert, or absent when uncapped or not participating.</param>
/// <param name="ConversionRatio">Common shares per share, exact as "n/d" or "n".</param>
public sealed record WaterfallClassView(string SecurityId, string Name, string ClassType, int Seniority, string Shares,
    string Preference, bool Participating, string? Cap, string ConversionRatio);

public sealed record ClassPayoutView(string SecurityId, string Name, bool Converted, string Payout);

public sealed record HolderPayoutView(string HolderId, string Payout, IReadOnlyDictionary<string, string> ByClass);

/// <summary>Chart-ready columns: <c>Payouts[i]</c> and <c>Converted[i]</c> belong to <c>ExitValues[i]</c>.</summary>
public sealed record ClassSeriesView(string SecurityId, string Name, IReadOnlyList<string> Payouts, IReadOnlyList<bool> Converted);

public sealed record WaterfallSeriesView(IReadOnlyList<string> ExitValues, IReadOnlyList<ClassSeriesView> Classes);

/// <param name="Payouts">Each class's payout at <paramref name="ExitAmount"/>, present when it was requested.</param>
/// <param name="Holders">Each holder's payout at <paramref name="ExitAmount"/>, ordered by identity id.</param>
/// <param name="Series">Class payouts at each requested exit value, present when values or a range were requested.</param>
public sealed record WaterfallView(
    string IssuerId,
    string Currency,
    DateTimeOffset? At,
    IReadOnlyList<WaterfallClassView> Classes,
    string? ExitAmount,
    IReadOnlyList<ClassPayoutView>? Payouts,
    IReadOnlyList<HolderPayoutView>? Holders,
    WaterfallSeriesView? Series);
