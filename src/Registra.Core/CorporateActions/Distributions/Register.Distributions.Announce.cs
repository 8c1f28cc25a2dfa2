using Registra.Cash;
using Registra.CorporateActions.Distributions;
using Registra.Identifiers;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>Longest free-text reference of a distribution, in characters.</summary>
    public const int MaxDistributionReferenceLength = 256;

    /// <summary>
    /// Judges every field of an announcement and returns its event, or adds a failure per bad
    /// field (all of them, so a caller fixes its request in one round) and returns null.
    /// </summary>
    private DistributionAnnounced? ReadAnnouncement(AnnounceDistribution command, SecurityState security, List<Failure> failures)
    {
        if (command.Kind is not (DistributionKind.Dividend or DistributionKind.Coupon or DistributionKind.RevenueShare or DistributionKind.FundDistribution))
        {
            failures.Add(Invalid(command.Kind.ToString(),
                "The kind must be dividend, coupon, revenue_share or fund_distribution; redemptions are made with the redemption command."));
        }

        var (currency, minorUnits, currencyFailure) = CashBook.ParseCurrency(command.Currency);
        var amount = Int128.Zero;
        if (currencyFailure is not null)
        {
            failures.Add(currencyFailure);
        }
        else if (command.Basis is DistributionBasis.Total or DistributionBasis.PerUnit)
        {
            var decimals = command.Basis == DistributionBasis.Total ? minorUnits : minorUnits + DistributionMath.PerUnitExtraDigits;
            var (parsed, amountFailure) = ParseAmount(command.Amount, decimals);
            amount = parsed.Units;
            if (amountFailure is not null)
            {
                failures.Add(amountFailure);
            }
        }
        else
        {
            failures.Add(Invalid(command.Basis.ToString(), "The basis must be total or per_unit."));
        }

        var claimUntil = command.ClaimUntil ?? command.PaymentAt.Add(DefaultClaimPeriod);
        CheckInstants(command.RecordAt, command.PaymentAt, claimUntil, failures);

        var (defaultRate, byJurisdiction, byIdentity) = ReadWithholding(command.DefaultWithholdingPercent, command.WithholdingByJurisdiction,
            command.WithholdingByIdentity, failures);

        var excluded = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var identityId in command.Excluded ?? [])
        {
            if (!State.Identities.ContainsKey(identityId))
            {
                failures.Add(NotFound("identity", identityId));
            }

            excluded.Add(identityId);
        }

        var reference = command.Reference ?? string.Empty;
        if (reference.Length > MaxDistributionReferenceLength)
        {
            failures.Add(Invalid("reference", $"A distribution reference has at most {MaxDistributionReferenceLength} characters."));
        }

        var id = ChooseDistributionId(command.DistributionId, failures);
        return failures.Count > 0
            ? null
            : new DistributionAnnounced(id, security.Id, command.Kind, currency, command.Basis, amount, command.RecordAt, command.PaymentAt,
                claimUntil, defaultRate, byJurisdiction, byIdentity, [.. excluded], reference);
    }

    private static void CheckInstants(DateTimeOffset recordAt, DateTimeOffset paymentAt, DateTimeOffset claimUntil, List<Failure> failures)
    {
        if (paymentAt < recordAt)
        {
            failures.Add(Invalid(paymentAt.ToString("O"), $"The payment instant must not be before the record instant {recordAt:O}."));
        }

        if (claimUntil < paymentAt)
        {
            failures.Add(Invalid(claimUntil.ToString("O"), $"The claim deadline must not be before the payment instant {paymentAt:O}."));
        }
    }

    private string ChooseDistributionId(string? requested, List<Failure> failures)
    {
        if (requested is null)
        {
            return GeneratedDistributionPrefix + (State.LastSequence + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!IsValidId(requested))
        {
            failures.Add(InvalidId("distribution", requested));
        }
        else if (requested.StartsWith(GeneratedDistributionPrefix, StringComparison.Ordinal))
        {
            failures.Add(Invalid(requested, $"Ids starting with '{GeneratedDistributionPrefix}' are given by the register; choose another id or send none."));
        }
        else if (State.Distributions.ContainsKey(requested))
        {
            failures.Add(AlreadyExists("distribution", requested));
        }

        return requested;
    }

    /// <summary>Parses a percentage from 0 to 100 with at most 4 decimal places into parts per million.</summary>
    /// <summary>Reads the withholding rates of an announcement: a default, rates by jurisdiction and rates by identity, in parts per million.</summary>
    private (int DefaultRate, Dictionary<string, int> ByJurisdiction, Dictionary<string, int> ByIdentity) ReadWithholding(string? defaultPercent,
        IReadOnlyDictionary<string, string>? jurisdictionPercents, IReadOnlyDictionary<string, string>? identityPercents, List<Failure> failures)
    {
        var defaultRate = ParseRate(defaultPercent ?? "0", "default", failures);
        var byJurisdiction = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (country, percent) in jurisdictionPercents ?? new Dictionary<string, string>())
        {
            if (CountryCode.TryParse(country, out var code))
            {
                byJurisdiction[code.Value] = ParseRate(percent, code.Value, failures);
            }
            else
            {
                failures.Add(new Failure(Reasons.Reasons.InvalidIdentifier, "withholding", null, country,
                    CountryCode.Validate(country) + " Key jurisdiction rates by ISO 3166-1 alpha-2 codes such as DE.") { Subject = country });
            }
        }

        var byIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (identityId, percent) in identityPercents ?? new Dictionary<string, string>())
        {
            if (!State.Identities.ContainsKey(identityId))
            {
                failures.Add(NotFound("identity", identityId));
                continue;
            }

            byIdentity[identityId] = ParseRate(percent, identityId, failures);
        }

        return (defaultRate, byJurisdiction, byIdentity);
    }

    public static (int Ppm, Failure? Failure) ParseRate(string? percent, string subject)
    {
        var parsed = Amounts.Amount.Parse(percent, 4);
        if (!parsed.IsValid || parsed.Amount.IsNegative || parsed.Amount.Units > DistributionMath.PpmScale)
        {
            var why = parsed.IsGranularityError
                ? "it has more than 4 decimal places"
                : parsed.IsValid ? "it is outside 0 to 100" : parsed.Error ?? "it is not a decimal number";
            return (0, new Failure(Reasons.Reasons.InvalidRate, "withholding", "0..100", percent ?? "null",
                $"The withholding rate '{percent}' for {subject} is invalid because {why}; send a percentage such as \"15\" or \"26.375\".") { Subject = subject });
        }

        return ((int)parsed.Amount.Units, null);
    }

    private static int ParseRate(string? percent, string subject, List<Failure> failures)
    {
        var (ppm, failure) = ParseRate(percent, subject);
        if (failure is not null)
        {
            failures.Add(failure);
        }

        return ppm;
    }
}
