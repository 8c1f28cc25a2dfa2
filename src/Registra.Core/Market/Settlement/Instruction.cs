using Registra.Amounts;

namespace Registra.Market.Settlement;

public enum InstructionStatus
{
    Open,
    Settled,
    Cancelled,
}

public enum LegKind : byte
{
    /// <summary>Units of a security; the asset is the security id and the ends are accounts.</summary>
    Token = 1,

    /// <summary>Money; the asset is an ISO 4217 code and the ends are identities' cash accounts.</summary>
    Cash = 2,
}

/// <summary>One movement of an instruction.</summary>
/// <param name="Asset">Security id for a token leg, currency code for a cash leg.</param>
/// <param name="FromAccountId">Sending account for a token leg, sending identity for a cash leg.</param>
/// <param name="ToAccountId">Receiving account for a token leg, receiving identity for a cash leg.</param>
/// <param name="Amount">Smallest units of the security, or minor units of the currency.</param>
public sealed record SettlementLeg(LegKind Kind, string Asset, string FromAccountId, string ToAccountId, Amount Amount)
{
    /// <summary>Returns the identity at one end: the owner of the account for a token leg, the identity itself for a cash leg.</summary>
    public string PartyOf(Register.RegisterState state, bool sender)
    {
        var end = sender ? FromAccountId : ToAccountId;
        return Kind == LegKind.Cash ? end : state.Accounts[end].IdentityId;
    }
}

/// <summary>
/// A multi-leg settlement instruction. It settles only when every party (the identity at each end
/// of every leg) and the mediator, if any, have affirmed, before it expires,
/// and then all legs move in one command or none does.
/// </summary>
public sealed class Instruction(
    string id,
    IReadOnlyList<SettlementLeg> legs,
    IReadOnlyList<string> parties,
    string? mediatorId,
    DateTimeOffset expiresAt,
    string createdBy)
{
    public string Id { get; } = id;

    public IReadOnlyList<SettlementLeg> Legs { get; } = legs;

    /// <summary>Identity ids of the parties, in ordinal order, without repeats.</summary>
    public IReadOnlyList<string> Parties { get; } = parties;

    /// <summary>Identity that must affirm too and alone may settle or cancel, when set.</summary>
    public string? MediatorId { get; } = mediatorId;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Actor id of whoever created the instruction.</summary>
    public string CreatedBy { get; } = createdBy;

    public HashSet<string> Affirmed { get; } = new(StringComparer.Ordinal);

    public InstructionStatus Status { get; internal set; } = InstructionStatus.Open;

    /// <summary>Identity ids that must affirm: the parties and the mediator.</summary>
    public IEnumerable<string> Affirmers => MediatorId is null ? Parties : Parties.Append(MediatorId).Distinct(StringComparer.Ordinal);
}
