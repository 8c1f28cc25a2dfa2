namespace Registra.Securities;

public enum SecurityStatus
{
    Active,
    Paused,
    Matured,
    Redeemed,
}
