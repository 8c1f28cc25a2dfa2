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

        if (code is >= (ushort)EventType.TransferApprovalsRequired and <= 89)
        {
            EvolveApproval(registerEvent, at);
        }
        else if (code < (ushort)EventType.InstructionCreated)
        {
            EvolveHold(registerEvent, at);
        }
        else if (code < (ushort)EventType.MarketConfigured)
        {
            EvolveInstruction(registerEvent);
        }
        else if (code < (ushort)EventType.OfferingOpened)
        {
            EvolveOrders(registerEvent, at);
        }
        else
        {
            EvolveOffering(registerEvent, at);
        }

        return true;
    }

    /// <summary>True when the security has an open hold, a resting order or an open offering, whose amounts and prices a split would not scale.</summary>
    private bool HasOpenHoldsOrOrders(string securityId)
    {
        if (HasOpenOffering(securityId))
        {
            return true;
        }

        if (State.Market.Books.TryGetValue(securityId, out var book) && book.Bids.LevelCount + book.Asks.LevelCount > 0)
        {
            return true;
        }

        foreach (var hold in State.Market.Holds.Values)
        {
            if (hold.SecurityId == securityId && hold.Status == Registra.Market.HoldStatus.Open)
            {
                return true;
            }
        }

        return false;
    }
}
