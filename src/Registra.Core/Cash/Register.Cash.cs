using Registra.Access;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.Events;
using Registra.Reasons;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>Longest payment reference kept with a deposit or withdrawal, in characters.</summary>
    public const int MaxCashReferenceLength = 256;

    private CommandResult DecideCash(CashCommand command) => command switch
    {
        OpenCashAccount c => DecideOpenCashAccount(c),
        DepositCash c => DecideCashMovement(c.Actor, new CashAccountKey(c.Kind, c.OwnerId, c.Currency), c.Amount, c.Reference, deposit: true),
        WithdrawCash c => DecideCashMovement(c.Actor, new CashAccountKey(c.Kind, c.OwnerId, c.Currency), c.Amount, c.Reference, deposit: false),
        _ => throw new ArgumentException($"Unknown cash command {command.GetType().Name}.", nameof(command)),
    };

    private CommandResult DecideOpenCashAccount(OpenCashAccount command)
    {
        var (currency, _, currencyFailure) = CashBook.ParseCurrency(command.Currency);
        if (currencyFailure is not null)
        {
            return CommandResult.Rejected(currencyFailure);
        }

        var key = new CashAccountKey(command.Kind, command.OwnerId, currency);
        if (CheckCashOwner(command.Actor, key, opening: true) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (State.Cash.Find(key) is not null)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.AlreadyExists, "cash", "cash account", key.ToString(),
                $"The {key} cash account is already open; deposit into it instead.") { Subject = key.ToString() });
        }

        return CommandResult.Of(new CashAccountOpened(key.Kind, key.OwnerId, key.Currency)) with { CreatedId = key.ToString() };
    }

    private CommandResult DecideCashMovement(Actor actor, CashAccountKey requested, Amount amount, string? reference, bool deposit)
    {
        var (currency, minorUnits, currencyFailure) = CashBook.ParseCurrency(requested.Currency);
        if (currencyFailure is not null)
        {
            return CommandResult.Rejected(currencyFailure);
        }

        var key = requested with { Currency = currency };
        if (CheckCashOwner(actor, key, opening: false) is { } ownerFailure)
        {
            return CommandResult.Rejected(ownerFailure);
        }

        if (!amount.IsPositive)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.InvalidAmount, "amount", null, amount.Format(minorUnits),
                $"{(deposit ? "Deposit" : "Withdraw")} a positive amount.") { Subject = amount.Format(minorUnits) });
        }

        reference ??= string.Empty;
        if (reference.Length > MaxCashReferenceLength)
        {
            return CommandResult.Rejected(Invalid("reference", $"A payment reference has at most {MaxCashReferenceLength} characters."));
        }

        if (State.Cash.Find(key) is null)
        {
            return CommandResult.Rejected(CashBook.MissingAccount(key));
        }

        if (deposit)
        {
            // The ledger total must stay representable, so a deposit that would overflow it is rejected here.
            _ = State.Cash.Ledgers[currency].Deposited.Plus(amount);
            return CommandResult.Of(new CashDeposited(key.Kind, key.OwnerId, key.Currency, amount.Units, reference));
        }

        return State.Cash.CheckDebit(key, amount) is { } shortfall
            ? CommandResult.Rejected(shortfall)
            : CommandResult.Of(new CashWithdrawn(key.Kind, key.OwnerId, key.Currency, amount.Units, reference));
    }

    /// <summary>
    /// Checks that the owner exists and that the actor may act on its accounts. Only the operator
    /// funds and withdraws identity accounts, and an investor may open its own. Issuer accounts
    /// need the actions permission for that issuer.
    /// </summary>
    private Failure? CheckCashOwner(Actor actor, CashAccountKey key, bool opening)
    {
        switch (key.Kind)
        {
            case CashOwnerKind.Identity:
                if (!State.Identities.ContainsKey(key.OwnerId))
                {
                    return NotFound("identity", key.OwnerId);
                }

                var ownInvestor = opening && actor.Role == ActorRole.Investor && actor.ScopeId == key.OwnerId;
                return actor.IsOperator || ownInvestor
                    ? null
                    : Denied("operator", opening
                        ? $"Only an operator or investor {key.OwnerId} itself can open this cash account."
                        : "Only an operator records deposits to and withdrawals from an investor's cash account.");
            case CashOwnerKind.Issuer or CashOwnerKind.IssuerTax:
                if (!State.Issuers.ContainsKey(key.OwnerId))
                {
                    return NotFound("issuer", key.OwnerId);
                }

                return actor.MayAct(key.OwnerId, Permissions.Actions)
                    ? null
                    : Denied("actions", $"The cash accounts of issuer {key.OwnerId} need the actions permission for that issuer.");
            default:
                return Invalid(key.Kind.ToString(), "The owner kind must be identity, issuer or issuer_tax.");
        }
    }

    private void EvolveCash(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case CashAccountOpened e:
                State.Cash.Open(new CashAccountKey(e.Kind, e.OwnerId, e.Currency), Identifiers.CurrencyCode.Parse(e.Currency).MinorUnits!.Value, at);
                break;
            case CashDeposited e:
                var depositKey = new CashAccountKey(e.Kind, e.OwnerId, e.Currency);
                State.Cash.Credit(depositKey, new Amount(e.Units));
                var depositLedger = State.Cash.Ledgers[e.Currency];
                depositLedger.Deposited = depositLedger.Deposited.Plus(new Amount(e.Units));
                break;
            case CashWithdrawn e:
                var withdrawKey = new CashAccountKey(e.Kind, e.OwnerId, e.Currency);
                State.Cash.Debit(withdrawKey, new Amount(e.Units));
                var withdrawLedger = State.Cash.Ledgers[e.Currency];
                withdrawLedger.Withdrawn = withdrawLedger.Withdrawn.Plus(new Amount(e.Units));
                break;
            case CashInLieuPaid e:
                foreach (var payment in e.Payments)
                {
                    var units = new Amount(payment.Units);
                    State.Cash.Debit(CashAccountKey.OfIssuer(e.IssuerId, e.Currency), units);
                    State.Cash.GetOrOpen(CashAccountKey.OfIdentity(payment.IdentityId, e.Currency), at);
                    State.Cash.Credit(CashAccountKey.OfIdentity(payment.IdentityId, e.Currency), units);
                }

                break;
            default:
                throw new InvalidOperationException($"No state change is defined for event {registerEvent.GetType().Name}.");
        }
    }
}
