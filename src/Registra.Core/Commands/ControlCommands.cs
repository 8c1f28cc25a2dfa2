using Registra.Amounts;

namespace Registra.Commands;

public sealed record FreezeAccount(string SecurityId, string AccountId) : RegisterCommand;

public sealed record UnfreezeAccount(string SecurityId, string AccountId) : RegisterCommand;

public sealed record FreezeAmount(string SecurityId, string AccountId, Amount Amount) : RegisterCommand;

public sealed record UnfreezeAmount(string SecurityId, string AccountId, Amount Amount) : RegisterCommand;

public sealed record PauseSecurity(string SecurityId) : RegisterCommand;

public sealed record UnpauseSecurity(string SecurityId) : RegisterCommand;

/// <summary>Moves every position of a lost account to another account of the same identity and closes it.</summary>
public sealed record RecoverAccount(string OldAccountId, string NewAccountId) : RegisterCommand;

/// <summary>Freezes every open account of an identity for one security.</summary>
public sealed record FreezeIdentity(string SecurityId, string IdentityId) : RegisterCommand;
