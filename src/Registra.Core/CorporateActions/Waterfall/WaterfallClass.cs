using Registra.Amounts;

namespace Registra.CorporateActions.Waterfall;

/// <summary>One holder's position in a class: the identity and its units in the class's smallest unit.</summary>
public readonly record struct WaterfallHolding(string HolderId, Amount Units);

/// <summary>A class of shares taking part in a waterfall, with its holders.</summary>
/// <param name="Decimals">Decimals of the class's units: 100 units at 2 decimals are 1 share.</param>
public sealed record WaterfallClass(string SecurityId, string Name, int Decimals, WaterfallTerms Terms, IReadOnlyList<WaterfallHolding> Holdings);
