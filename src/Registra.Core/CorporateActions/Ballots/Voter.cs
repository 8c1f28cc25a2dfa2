namespace Registra.CorporateActions.Ballots;

/// <summary>
/// One identity's votes on a ballot: its weight, fixed at the record instant, and its current
/// choice per motion. A choice of 0 means no vote on that motion.
/// </summary>
public sealed class Voter(Int128 weight, int motions)
{
    public Int128 Weight { get; } = weight;

    /// <summary>The current choice number per motion, at index motion number - 1, at most <see cref="Motion.MaxChoices"/>.</summary>
    public byte[] Choices { get; } = new byte[motions];
}
