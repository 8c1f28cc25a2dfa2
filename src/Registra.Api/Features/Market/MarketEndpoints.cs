using Microsoft.AspNetCore.Routing;

namespace Registra.Api.Features.Market;

/// <summary>Holds, settlement instructions, order books, market data, primary offerings and each identity's market activity under /v1.</summary>
public static class MarketEndpoints
{
    public static RouteGroupBuilder MapMarket(this RouteGroupBuilder v1) =>
        v1.MapHolds().MapSettlement().MapOrders().MapOfferings().MapIdentityMarket();
}
