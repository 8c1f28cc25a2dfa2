namespace Registra.CorporateActions.Distributions;

/// <summary>One identity's share of a paid distribution, in minor units; net = gross - withheld.</summary>
/// <param name="Units">The identity's eligible balance at the record instant, in the security's smallest units.</param>
/// <param name="RatePpm">Withholding rate applied, in parts per million (1,000,000 is 100 %).</param>
public readonly record struct HolderPayout(string IdentityId, Int128 Units, Int128 Gross, Int128 Withheld, int RatePpm, PayoutStatus Status)
{
    public Int128 Net => Gross - Withheld;
}
