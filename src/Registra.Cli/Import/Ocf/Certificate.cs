using Registra.Amounts;

namespace Registra.Cli.Import.Ocf;

/// <summary>
/// What the importer tracks about one OCF stock security (a certificate): its holder, its
/// class, the quantity not yet transferred, cancelled or converted, and when the holder
/// acquired it. Later transactions name the security, not the stakeholder.
/// </summary>
internal sealed class Certificate(string stakeholderId, string classId, Amount remaining, DateTimeOffset acquiredAt)
{
    public string StakeholderId { get; } = stakeholderId;

    public string ClassId { get; } = classId;

    public Amount Remaining { get; set; } = remaining;

    public DateTimeOffset AcquiredAt { get; } = acquiredAt;
}

/// <summary>A stock class imported as a security.</summary>
internal sealed record ImportedClass(string SecurityId, int Decimals);
