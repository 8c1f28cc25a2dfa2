using Registra.Access;
using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.Events;
using Registra.Market.Offerings;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>
    /// Judges every term of a new offering and returns its event, or every failure at once so the
    /// agent fixes the request in one round.
    /// </summary>
    private CommandResult DecideOpenOffering(OpenOffering command, DateTimeOffset now)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Supply, out var security) is { } denied)
        {
            return CommandResult.Rejected(denied);
        }

        if (security.Status == SecurityStatus.Redeemed)
        {
            return CommandResult.Rejected(RedeemedFailure(security.Id));
        }

        if (!IsValidId(command.OfferingId))
        {
            return CommandResult.Rejected(InvalidId("offering", command.OfferingId));
        }

        if (State.Market.Offerings.ContainsKey(command.OfferingId))
        {
            return CommandResult.Rejected(AlreadyExists("offering", command.OfferingId));
        }

        var failures = new List<Failure>();
        var (currency, minorUnits, currencyFailure) = CashBook.ParseCurrency(command.Currency);
        if (currencyFailure is not null)
        {
            failures.Add(currencyFailure);
        }

        // Prices are judged only in a known currency, whose minor unit sets their precision.
        var decimals = security.Definition.Decimals;
        var price = currencyFailure is null ? ParseTerm(command.Price, minorUnits, "price", failures) : Amount.Zero;
        var cap = ParseTerm(command.Cap, decimals, "cap", failures);
        var lot = command.LotSize is null
            ? State.Market.Books.GetValueOrDefault(security.Id)?.Settings.LotSize ?? new Amount(1)
            : ParseTerm(command.LotSize, decimals, "lotSize", failures);
        var minimum = command.MinPerInvestor is null ? lot : ParseTerm(command.MinPerInvestor, decimals, "minPerInvestor", failures);
        var maximum = command.MaxPerInvestor is null ? cap : ParseTerm(command.MaxPerInvestor, decimals, "maxPerInvestor", failures);
        Amount? minimumRaise = command.MinimumRaise is null || currencyFailure is not null ? null : ParseTerm(command.MinimumRaise, minorUnits, "minimumRaise", failures);
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        var terms = new OfferingTerms(command.OfferingId, security.Id, currency, price, lot, minimum, maximum, cap, minimumRaise,
            command.OpensAt, command.ClosesAt);
        CheckTerms(terms, security, now, failures);
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        return CommandResult.Of(new OfferingOpened(terms.Id, terms.SecurityId, terms.Currency, price.Units, lot.Units, minimum.Units, maximum.Units,
            cap.Units, minimumRaise?.Units, terms.OpensAt, terms.ClosesAt, command.Actor.Id)) with { CreatedId = terms.Id };
    }

    /// <summary>Parses one positive decimal term, naming the field in its failure's subject.</summary>
    private static Amount ParseTerm(string? text, int decimals, string field, List<Failure> failures)
    {
        var (amount, failure) = ParseAmount(text, decimals);
        if (failure is not null)
        {
            failures.Add(failure with { Subject = $"{field}: {text}" });
        }

        return amount;
    }

    /// <summary>Checks how the terms fit together and with the security, its supply cap and the issuer's cash account.</summary>
    private void CheckTerms(OfferingTerms terms, SecurityState security, DateTimeOffset now, List<Failure> failures)
    {
        var decimals = security.Definition.Decimals;
        if (terms.ClosesAt <= terms.OpensAt || terms.ClosesAt <= now)
        {
            failures.Add(Invalid(terms.ClosesAt.ToString("O"), "The window must close after it opens and after the current ledger time."));
        }

        // One lot at the price must cost whole minor units, so every subscription's cash is exact.
        var scale = Amount.Scale(decimals);
        if (checked(terms.LotSize.Units * terms.Price.Units) % scale != 0)
        {
            failures.Add(Invalid(terms.LotSize.Format(decimals),
                $"Lot size times price must be a multiple of {scale} smallest units, so one lot costs whole minor units; use a larger lot or a rounder price."));
        }

        foreach (var (name, quantity) in (ReadOnlySpan<(string, Amount)>)[("cap", terms.Cap), ("minPerInvestor", terms.MinPerInvestor), ("maxPerInvestor", terms.MaxPerInvestor)])
        {
            if (quantity.Units % terms.LotSize.Units != 0)
            {
                failures.Add(new Failure(Reasons.Reasons.QuantityOffLot, "lot_size", terms.LotSize.Format(decimals), quantity.Format(decimals),
                    $"The {name} must be a multiple of the lot size {terms.LotSize.Format(decimals)}.") { Subject = name });
            }
        }

        if (terms.MinPerInvestor > terms.MaxPerInvestor || terms.MaxPerInvestor > terms.Cap)
        {
            failures.Add(Invalid($"{terms.MinPerInvestor.Format(decimals)}..{terms.MaxPerInvestor.Format(decimals)}",
                $"The minimum per investor must not exceed the maximum, nor the maximum the cap of {terms.Cap.Format(decimals)}."));
        }

        // The whole cap at the price must be representable, so no subscription's cash can overflow.
        var capValue = CostOf(terms, terms.Cap, decimals);
        if (terms.MinimumRaise is { } raise && raise > capValue)
        {
            var minorUnits = Identifiers.CurrencyCode.Parse(terms.Currency).MinorUnits ?? 0;
            failures.Add(Invalid(raise.Format(minorUnits),
                $"The minimum raise can never be met: the whole cap is worth {capValue.Format(minorUnits)} {terms.Currency}."));
        }

        if (security.SupplyCap is { } supplyCap && security.Supply.Plus(terms.Cap) > supplyCap)
        {
            failures.Add(new Failure(Reasons.Reasons.SupplyCapExceeded, "supply_cap", supplyCap.Format(decimals),
                security.Supply.Plus(terms.Cap).Format(decimals), $"Offer at most {supplyCap.Minus(security.Supply).Format(decimals)}."));
        }

        var proceeds = CashAccountKey.OfIssuer(security.Definition.IssuerId, terms.Currency);
        if (State.Cash.Find(proceeds) is null)
        {
            failures.Add(CashBook.MissingAccount(proceeds));
        }
    }
}
