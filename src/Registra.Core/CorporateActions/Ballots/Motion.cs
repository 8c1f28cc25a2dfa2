namespace Registra.CorporateActions.Ballots;

/// <summary>A question put to the holders and its possible answers. Motions and choices are numbered from 1.</summary>
public sealed record Motion(string Title, IReadOnlyList<string> Choices)
{
    public const int MaxChoices = 32;
    public const int MaxTitleLength = 500;
}
