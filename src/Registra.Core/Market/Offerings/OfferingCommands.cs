using Registra.Commands;

namespace Registra.Market.Offerings;

/// <summary>
/// Opens a primary offering of a security. Needs the supply permission for the security's issuer
/// and an issuer operating cash account in the currency, which receives the proceeds. Amounts are
/// decimal strings judged by the state machine: prices in the currency, quantities in the security's units.
/// </summary>
/// <param name="Currency">An active ISO 4217 code with a minor unit.</param>
/// <param name="Price">Price per whole unit, such as "10.50".</param>
/// <param name="Cap">Units on offer.</param>
/// <param name="MinPerInvestor">Smallest subscription and smallest allocation; one lot when null.</param>
/// <param name="MaxPerInvestor">Largest subscription; the cap when null.</param>
/// <param name="MinimumRaise">Proceeds the close must reach, in the currency, or every subscription is refunded; none when null.</param>
/// <param name="LotSize">Step of every quantity; the order book's lot size when the security has one, else one smallest unit, when null.</param>
public sealed record OpenOffering(
    string SecurityId,
    string OfferingId,
    string Currency,
    string Price,
    string Cap,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string? MinPerInvestor = null,
    string? MaxPerInvestor = null,
    string? MinimumRaise = null,
    string? LotSize = null) : RegisterCommand;

/// <summary>
/// Subscribes the account's identity for a quantity, moving quantity times price from the
/// identity's cash account into the offering's escrow. One subscription per identity; the
/// investor itself, an agent with the supply permission or the operator may subscribe.
/// </summary>
/// <param name="Quantity">Decimal string in the security's units.</param>
public sealed record Subscribe(string OfferingId, string AccountId, string Quantity) : RegisterCommand;

/// <summary>
/// Changes the quantity of an identity's subscription while the window is open. Cash moves in or
/// out of escrow by the difference, and a larger quantity moves the subscription to the back of the queue.
/// </summary>
public sealed record AmendSubscription(string OfferingId, string IdentityId, string Quantity) : RegisterCommand;

/// <summary>Withdraws an identity's subscription while the window is open and refunds its cash.</summary>
public sealed record WithdrawSubscription(string OfferingId, string IdentityId) : RegisterCommand;

/// <summary>
/// Allocates, issues the units, pays the issuer and refunds the rest, all in one command. Allowed
/// from the end of the window on, or before it when <paramref name="Early"/> is true.
/// </summary>
public sealed record CloseOffering(string OfferingId, bool Early = false) : RegisterCommand;

/// <summary>Cancels an open offering and refunds every subscription.</summary>
public sealed record CancelOffering(string OfferingId) : RegisterCommand;
