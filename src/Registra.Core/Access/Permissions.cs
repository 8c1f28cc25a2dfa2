namespace Registra.Access;

/// <summary>Permissions an issuer agent may hold for its own issuer's securities.</summary>
[Flags]
public enum Permissions
{
    None = 0,

    /// <summary>Issue and redeem.</summary>
    Supply = 1,

    /// <summary>Forced transfer and account recovery.</summary>
    Transfer = 2,

    /// <summary>Freeze and unfreeze accounts and amounts, pause and unpause.</summary>
    Freeze = 4,

    /// <summary>Edit rule sets and trusted claim issuers.</summary>
    Compliance = 8,

    /// <summary>Corporate actions.</summary>
    Actions = 16,

    /// <summary>Attach and remove documents.</summary>
    Documents = 32,

    All = Supply | Transfer | Freeze | Compliance | Actions | Documents,
}
