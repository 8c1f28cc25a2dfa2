namespace Registra.CorporateActions.Waterfall;

/// <summary>What one class receives at one exit value.</summary>
/// <param name="Converted">True when the class takes its payout as common shares instead of its preference.</param>
/// <param name="Exact">The exact payout in minor units before rounding.</param>
/// <param name="Payout">The payout in minor units after largest-remainder rounding; the payouts of all classes sum to the exit.</param>
public sealed record ClassPayout(string SecurityId, string Name, bool Converted, Rational Exact, long Payout);

/// <summary>The class payouts at one exit value, in the model's class order (security id, ordinal).</summary>
public sealed record WaterfallOutcome(long Exit, IReadOnlyList<ClassPayout> Classes);

/// <summary>One holder's payout, in total and per class, in minor units.</summary>
public sealed record HolderPayout(string HolderId, long Total, IReadOnlyDictionary<string, long> ByClass);
