using System.Globalization;
using Microsoft.AspNetCore.Http;
using Registra.Api.Problems;

namespace Registra.Api.Features.Market;

/// <summary>
/// Reads the order id of a route. The route takes any text, so an id that is not a number gets the
/// same <c>not_found</c> problem as an unknown number rather than the router's bare 404.
/// </summary>
internal static class OrderIdInput
{
    public static long? Parse(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public static IResult NotFound(string text) =>
        ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.NotFound, "order", "resting order", text,
            $"No resting order has the order id '{text}'. Order ids are the positive numbers in the orderId field of an order's receipt. " +
            "Filled and cancelled orders are in the ledger only.") { Subject = text }]);
}
