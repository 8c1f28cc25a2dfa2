using Registra.Amounts;
using Registra.Identifiers;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.CorporateActions.Waterfall;

/// <summary>Reads an issuer's equity classes and their holders from the register, for a waterfall.</summary>
public static class RegisterClasses
{
    /// <summary>
    /// Returns each equity security of the issuer with its terms and its holdings per identity, now or
    /// at a past instant, and one failure per bad term across all of them. Securities of other asset
    /// classes are left out.
    /// </summary>
    /// <remarks>NOTE: debt is left out rather than paid first; the exit amount is what remains for equity.</remarks>
    public static (List<WaterfallClass> Classes, List<Failure> Failures) Read(Register.Register register, string issuerId, DateTimeOffset? at, CurrencyCode currency)
    {
        var classes = new List<WaterfallClass>();
        var failures = new List<Failure>();
        foreach (var security in register.State.Securities.Values)
        {
            var definition = security.Definition;
            if (definition.IssuerId != issuerId || definition.AssetClass != AssetClass.Equity)
            {
                continue;
            }

            var (terms, termFailures) = WaterfallTerms.Read(definition.Id, definition.Terms, currency);
            failures.AddRange(termFailures);
            if (terms is null)
            {
                continue;
            }

            var positions = at is { } when ? register.HoldersAt(security.Id, when) : register.Holders(security.Id);
            var holdings = positions
                .GroupBy(position => position.IdentityId, StringComparer.Ordinal)
                .Select(group => new WaterfallHolding(group.Key, group.Aggregate(Amount.Zero, (sum, position) => sum.Plus(position.Balance))))
                .ToList();
            classes.Add(new WaterfallClass(definition.Id, definition.Name, definition.Decimals, terms, holdings));
        }

        return (classes, failures);
    }
}
