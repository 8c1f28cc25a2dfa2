using Registra.Amounts;
using Registra.Commands;

namespace Registra.Cash;

/// <summary>A command on the cash ledgers.</summary>
public abstract record CashCommand : RegisterCommand;

/// <summary>
/// Opens a cash account. An operator may open any; an investor may open its own identity's; an
/// issuer agent with the actions permission may open its issuer's operating and tax accounts.
/// </summary>
/// <param name="Currency">An active ISO 4217 code with a minor unit, in any case.</param>
public sealed record OpenCashAccount(CashOwnerKind Kind, string OwnerId, string Currency) : CashCommand;

/// <summary>
/// Records money received from outside the platform (a bank transfer to the platform's account).
/// Operators may deposit into any account; issuer agents with the actions permission into their
/// issuer's operating and tax accounts.
/// </summary>
/// <param name="Amount">Minor units of the currency; positive.</param>
/// <param name="Reference">The payment reference of the outside transfer, kept on the ledger; may be empty.</param>
public sealed record DepositCash(CashOwnerKind Kind, string OwnerId, string Currency, Amount Amount, string Reference = "") : CashCommand;

/// <summary>Records money paid out of the platform; the same actors as <see cref="DepositCash"/> may do it.</summary>
public sealed record WithdrawCash(CashOwnerKind Kind, string OwnerId, string Currency, Amount Amount, string Reference = "") : CashCommand;
