using Registra.Events;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>Applies a market event (type codes 70 to 99); returns false for any other event.</summary>
    private bool EvolveMarket(RegisterEvent registerEvent, DateTimeOffset at)
    {
        var code = (ushort)registerEvent.Type;
        if (code is < 70 or > 99)
        {
            return false;
        }

        if (code < (ushort)EventType.InstructionCreated)
        {
            EvolveHold(registerEvent, at);
        }
        else if (code < (ushort)EventType.MarketConfigured)
        {
            EvolveInstruction(registerEvent);
        }
        else
        {
            EvolveOrders(registerEvent, at);
        }

        return true;
    }
}
