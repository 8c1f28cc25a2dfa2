using System.Numerics;
using Registra.Amounts;

namespace Registra.Cli.Import.Ocf;

/// <summary>An issuance that records the outcome of another transaction, checked against it.</summary>
internal sealed record ResultingSecurity(string SecurityId, OcfObject Issuance, string StakeholderId, string ClassId, Amount Quantity);

internal sealed partial class OcfPlanner
{
    /// <summary>Securities whose shares all moved on (transferred, cancelled, converted, reissued).</summary>
    private readonly HashSet<string> _closedSecurities = new(StringComparer.Ordinal);

    /// <summary>Finds the certificate named by the transaction's security_id, reporting the transaction when there is none.</summary>
    private (string SecurityId, Certificate Certificate)? FindCertificate(OcfObject item)
    {
        var securityId = item.RequiredString("security_id");
        if (_certificates.TryGetValue(securityId, out var certificate))
        {
            return (securityId, certificate);
        }

        Report(item, $"not imported: {DescribeMissingSecurity(securityId)}.");
        return null;
    }

    private string DescribeMissingSecurity(string securityId)
    {
        if (_closedSecurities.Contains(securityId))
        {
            return $"security '{securityId}' holds no shares any more, because an earlier transaction moved them all";
        }

        return _issuances.ContainsKey(securityId)
            ? $"security '{securityId}' was not imported (see its issuance)"
            : $"security '{securityId}' is not issued by any stock issuance in the export";
    }

    private bool CheckRemaining(OcfObject item, string securityId, Certificate certificate, Amount quantity)
    {
        if (quantity <= certificate.Remaining)
        {
            return true;
        }

        var decimals = _classes[certificate.ClassId].Decimals;
        Report(item, $"not imported: quantity {quantity.Format(decimals)} is more than the {certificate.Remaining.Format(decimals)} shares left on security '{securityId}'.");
        return false;
    }

    /// <summary>
    /// Reads the issuances named by resulting_security_ids and checks them against the source
    /// certificate and, when given, the quantity they must add up to. Reports the transaction
    /// and returns null when any check fails.
    /// </summary>
    private List<ResultingSecurity>? ReadResults(OcfObject item, Certificate source, bool sameHolder, bool sameClass, Amount? expectedTotal)
    {
        var ids = item.Strings("resulting_security_ids");
        if (ids.Count == 0)
        {
            Report(item, "not imported: resulting_security_ids is empty, so the new holder is unknown.");
            return null;
        }

        var results = new List<ResultingSecurity>();
        foreach (var id in ids)
        {
            if (ReadResult(item, id, source, sameHolder, sameClass) is not { } result)
            {
                return null;
            }

            results.Add(result);
        }

        var total = results.Aggregate(Amount.Zero, (sum, result) => sum.Plus(result.Quantity));
        if (expectedTotal is { } expected && total != expected)
        {
            var decimals = _classes[source.ClassId].Decimals;
            Report(item, $"not imported: the resulting securities hold {total.Format(decimals)} shares, but the transaction moves {expected.Format(decimals)}.");
            return null;
        }

        foreach (var result in results)
        {
            _derivedResolved.Add(result.SecurityId);
        }

        return results;
    }

    /// <summary>Reads one resulting or balance issuance, reporting the transaction when it cannot be used.</summary>
    private ResultingSecurity? ReadResult(OcfObject item, string securityId, Certificate source, bool sameHolder, bool sameClass)
    {
        if (CheckResult(securityId, source, sameHolder, sameClass, out var result) is { } error)
        {
            Report(item, $"not imported: {error}.");
            return null;
        }

        return result;
    }

    private string? CheckResult(string securityId, Certificate source, bool sameHolder, bool sameClass, out ResultingSecurity? result)
    {
        result = null;
        if (!_issuances.TryGetValue(securityId, out var issuance))
        {
            return $"resulting security '{securityId}' has no stock issuance in the export";
        }

        try
        {
            var stakeholderId = issuance.RequiredString("stakeholder_id");
            var classId = issuance.RequiredString("stock_class_id");
            if (!_accounts.ContainsKey(stakeholderId))
            {
                return $"resulting security '{securityId}' goes to {DescribeMissingStakeholder(stakeholderId)}";
            }

            if (!_classes.TryGetValue(classId, out var stockClass))
            {
                return $"resulting security '{securityId}' is of {DescribeMissingClass(classId)}";
            }

            if (sameHolder && stakeholderId != source.StakeholderId)
            {
                return $"resulting security '{securityId}' goes to stakeholder '{stakeholderId}', not to the holder '{source.StakeholderId}'";
            }

            if (sameClass && classId != source.ClassId)
            {
                return $"resulting security '{securityId}' is of stock class '{classId}', not of the source class '{source.ClassId}'";
            }

            var text = issuance.OptionalString("quantity");
            var parsed = Amount.Parse(text, stockClass.Decimals);
            if (!parsed.IsValid || !parsed.Amount.IsPositive)
            {
                return $"resulting security '{securityId}' has quantity {Quote(text)}, which is not a positive decimal number";
            }

            result = new ResultingSecurity(securityId, issuance, stakeholderId, classId, parsed.Amount);
            return null;
        }
        catch (OcfFormatException e)
        {
            return $"resulting security '{securityId}': {e.Message}";
        }
    }

    /// <summary>
    /// Takes the quantity off the certificate. A remainder named by balance_security_id keeps
    /// the original acquisition date: OCF dates the remainder's issuance on the transaction
    /// day, but the holder acquired those shares with the original security.
    /// </summary>
    private void Reduce(OcfObject item, string securityId, Certificate certificate, Amount quantity)
    {
        certificate.Remaining = certificate.Remaining.Minus(quantity);
        var balanceId = item.OptionalString("balance_security_id");
        if (balanceId is null)
        {
            if (certificate.Remaining.IsZero)
            {
                Close(securityId);
            }

            return;
        }

        var decimals = _classes[certificate.ClassId].Decimals;
        if (CheckResult(balanceId, certificate, sameHolder: true, sameClass: true, out var balance) is { } error)
        {
            Report(item, $"partly imported: the shares moved, but {error}; the remaining {certificate.Remaining.Format(decimals)} shares stay under security '{securityId}'.");
            return;
        }

        if (balance!.Quantity != certificate.Remaining)
        {
            Report(item, $"partly imported: the shares moved, but balance security '{balanceId}' has {balance.Quantity.Format(decimals)} shares where {certificate.Remaining.Format(decimals)} remain; the remainder stays under security '{securityId}'.");
            return;
        }

        _derivedResolved.Add(balanceId);
        _certificates[balanceId] = new Certificate(certificate.StakeholderId, certificate.ClassId, certificate.Remaining, certificate.AcquiredAt);
        Close(securityId);
    }

    private void Close(string securityId)
    {
        _certificates.Remove(securityId);
        _closedSecurities.Add(securityId);
    }

    /// <summary>Reports issuances that record the outcome of a transaction that was not imported, which are otherwise skipped.</summary>
    private void ReportUnresolvedDerivedIssuances()
    {
        foreach (var (securityId, parentId) in _derivedIssuances)
        {
            if (!_derivedResolved.Contains(securityId) && _issuances.TryGetValue(securityId, out var issuance))
            {
                Report(issuance, $"not imported: it records the outcome of transaction '{parentId}', which was not imported in full.");
            }
        }
    }

    /// <summary>
    /// Turns a ratio of two decimal strings ("1.5"/"1") into the smallest pair of integers
    /// with the same quotient (3/2), or null when either is not positive or the pair does not fit.
    /// </summary>
    private static (long Numerator, long Denominator)? ToIntegerRatio(string numeratorText, string denominatorText)
    {
        var numerator = Amount.Parse(numeratorText, Amount.MaxDecimals);
        var denominator = Amount.Parse(denominatorText, Amount.MaxDecimals);
        if (!numerator.IsValid || !denominator.IsValid || !numerator.Amount.IsPositive || !denominator.Amount.IsPositive)
        {
            return null;
        }

        BigInteger top = (BigInteger)numerator.Amount.Units;
        BigInteger bottom = (BigInteger)denominator.Amount.Units;
        var divisor = BigInteger.GreatestCommonDivisor(top, bottom);
        top /= divisor;
        bottom /= divisor;
        return top <= long.MaxValue && bottom <= long.MaxValue ? ((long)top, (long)bottom) : null;
    }
}
