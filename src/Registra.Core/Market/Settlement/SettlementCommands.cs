using Registra.Market.Settlement;

namespace Registra.Commands;

/// <param name="InstructionId">Chosen by the caller and unique, so a retry cannot create two.</param>
/// <param name="MediatorId">Identity that must also affirm, and alone may settle or cancel.</param>
public sealed record CreateInstruction(
    string InstructionId,
    IReadOnlyList<SettlementLeg> Legs,
    DateTimeOffset ExpiresAt,
    string? MediatorId = null) : RegisterCommand;

/// <summary>Affirms an instruction for one party; an investor affirms only for its own identity.</summary>
public sealed record AffirmInstruction(string InstructionId, string PartyId) : RegisterCommand;

/// <summary>Withdraws a party's affirmation; possible only while the instruction is open.</summary>
public sealed record WithdrawAffirmation(string InstructionId, string PartyId) : RegisterCommand;

/// <summary>Moves every leg at once, or nothing and names the failing leg. May be retried until expiry.</summary>
public sealed record SettleInstruction(string InstructionId) : RegisterCommand;

public sealed record CancelInstruction(string InstructionId) : RegisterCommand;
