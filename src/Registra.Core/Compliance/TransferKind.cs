namespace Registra.Compliance;

public enum TransferKind
{
    /// <summary>An ordinary transfer between investors: every rule applies.</summary>
    Transfer,

    /// <summary>New units to a receiver: receiver-side rules and the supply cap apply.</summary>
    Issuance,

    /// <summary>
    /// An agent's move: the sender's freeze, lock-up and holding period are skipped;
    /// receiver-side rules apply unless the agent overrides them with a recorded reason.
    /// </summary>
    Forced,
}
