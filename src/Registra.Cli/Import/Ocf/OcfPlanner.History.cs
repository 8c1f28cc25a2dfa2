using Registra.Amounts;
using Registra.Commands;

namespace Registra.Cli.Import.Ocf;

internal sealed partial class OcfPlanner
{
    /// <summary>Certificates that still have shares, by OCF security id.</summary>
    private readonly Dictionary<string, Certificate> _certificates = new(StringComparer.Ordinal);

    /// <summary>Every OCF security id issued so far, to catch an id issued twice.</summary>
    private readonly HashSet<string> _securitiesIssued = new(StringComparer.Ordinal);

    /// <summary>First stock issuance of each OCF security id.</summary>
    private readonly Dictionary<string, OcfObject> _issuances = new(StringComparer.Ordinal);

    /// <summary>
    /// Issuances that record the outcome of another transaction (the transferee's or
    /// converted shares, a remainder), with that transaction's id. They are not new
    /// shares, so only their parent transaction turns them into commands.
    /// </summary>
    private readonly Dictionary<string, string> _derivedIssuances = new(StringComparer.Ordinal);

    /// <summary>Derived issuances that their parent transaction took into account.</summary>
    private readonly HashSet<string> _derivedResolved = new(StringComparer.Ordinal);

    /// <summary>
    /// Plans the stock transaction history in date order, keeping file order within a date
    /// so that a transaction can follow the issuance it refers to on the same day.
    /// </summary>
    private void PlanHistory()
    {
        var dated = new List<(OcfObject Item, DateTimeOffset Date)>();
        foreach (var item in _export.OfType("OCF_TRANSACTIONS_FILE").SelectMany(file => file.Items))
        {
            _transactions.Add((item.File, item.Label));
            Guarded(item, _ => dated.Add((item, item.RequiredDate("date"))));
        }

        // OrderBy is a stable sort, so file order survives within a date.
        var ordered = dated.OrderBy(entry => entry.Date).Select(entry => entry.Item).ToList();
        IndexIssuances(ordered);
        foreach (var item in ordered)
        {
            Guarded(item, PlanTransaction);
        }

        ReportUnresolvedDerivedIssuances();
    }

    private void IndexIssuances(List<OcfObject> ordered)
    {
        foreach (var item in ordered)
        {
            try
            {
                IndexIssuance(item);
            }
            catch (OcfFormatException)
            {
                // Reported when the transaction itself is planned.
            }
        }
    }

    private void IndexIssuance(OcfObject item)
    {
        switch (item.ObjectType)
        {
            case "TX_STOCK_ISSUANCE":
                _issuances.TryAdd(item.RequiredString("security_id"), item);
                break;
            case "TX_STOCK_TRANSFER" or "TX_STOCK_CONVERSION" or "TX_STOCK_REISSUANCE":
                foreach (var id in item.Strings("resulting_security_ids"))
                {
                    _derivedIssuances.TryAdd(id, item.Label);
                }

                break;
            case "TX_STOCK_CONSOLIDATION" when item.OptionalString("resulting_security_id") is { } consolidated:
                _derivedIssuances.TryAdd(consolidated, item.Label);
                break;
        }

        if (item.ObjectType.StartsWith("TX_STOCK_", StringComparison.Ordinal) && item.OptionalString("balance_security_id") is { } balance)
        {
            _derivedIssuances.TryAdd(balance, item.Label);
        }
    }

    private void PlanTransaction(OcfObject item)
    {
        switch (item.ObjectType)
        {
            case "TX_STOCK_ISSUANCE":
                PlanIssuance(item);
                break;
            case "TX_STOCK_TRANSFER":
                PlanTransfer(item);
                break;
            case "TX_STOCK_CANCELLATION" or "TX_STOCK_REPURCHASE":
                PlanRedemption(item);
                break;
            case "TX_STOCK_RETRACTION":
                PlanRetraction(item);
                break;
            case "TX_STOCK_CONVERSION":
                PlanConversion(item);
                break;
            case "TX_STOCK_CLASS_SPLIT":
                PlanSplit(item);
                break;
            case "TX_STOCK_REISSUANCE":
                PlanReissuance(item);
                break;
            case "TX_STOCK_CONSOLIDATION":
                PlanConsolidation(item);
                break;
            case "TX_STOCK_ACCEPTANCE":
                ReportNotMapped(item, "not imported: a stakeholder's acceptance does not change holdings.");
                break;
            case "":
                Report(item, $"not imported: {DescribeUnsupported(item.ObjectType)}");
                break;
            default:
                ReportNotMapped(item, $"not imported: {DescribeUnsupported(item.ObjectType)}");
                break;
        }
    }

    private static string DescribeUnsupported(string objectType) => objectType switch
    {
        "" => "the object has no object_type.",
        _ when objectType.StartsWith("TX_VESTING_", StringComparison.Ordinal) =>
            $"{objectType} is a vesting event, and the register has no vesting schedules.",
        _ when objectType.StartsWith("TX_EQUITY_COMPENSATION_", StringComparison.Ordinal)
            || objectType.StartsWith("TX_PLAN_SECURITY_", StringComparison.Ordinal)
            || objectType.StartsWith("TX_STOCK_PLAN_", StringComparison.Ordinal) =>
            $"{objectType} concerns options or plan securities, which the importer does not map; only issued stock is imported.",
        _ when objectType.StartsWith("TX_WARRANT_", StringComparison.Ordinal) =>
            $"{objectType} concerns warrants, which the importer does not map; only issued stock is imported.",
        _ when objectType.StartsWith("TX_CONVERTIBLE_", StringComparison.Ordinal) =>
            $"{objectType} concerns convertibles (SAFEs, notes), which the importer does not map; only issued stock is imported.",
        _ when objectType.StartsWith("CE_", StringComparison.Ordinal) =>
            $"{objectType} is a stakeholder change event, which the register does not record.",
        _ when objectType.Contains("ADJUSTMENT", StringComparison.Ordinal) =>
            $"{objectType} adjusts authorized shares or conversion terms, which are fixed in the imported security terms.",
        _ => $"object type '{objectType}' is not a supported transaction.",
    };

    private void PlanIssuance(OcfObject item)
    {
        var securityId = item.RequiredString("security_id");
        var stakeholderId = item.RequiredString("stakeholder_id");
        var classId = item.RequiredString("stock_class_id");
        var date = item.RequiredDate("date");

        // The transaction that recorded this issuance as its outcome moves the shares instead.
        if (_derivedIssuances.ContainsKey(securityId))
        {
            return;
        }

        var hasAccount = _accounts.TryGetValue(stakeholderId, out var accountId);
        var hasClass = _classes.TryGetValue(classId, out var stockClass);
        if (!hasAccount || !hasClass)
        {
            var missing = new List<string>();
            if (!hasAccount)
            {
                missing.Add(DescribeMissingStakeholder(stakeholderId));
            }

            if (!hasClass)
            {
                missing.Add(DescribeMissingClass(classId));
            }

            Report(item, $"not imported: {string.Join(", and ", missing)}.");
            return;
        }

        if (ParseQuantity(item, "quantity", stockClass!.Decimals) is not { } quantity)
        {
            return;
        }

        if (!_securitiesIssued.Add(securityId))
        {
            Report(item, $"not imported: security id '{securityId}' was already issued by an earlier imported transaction.");
            return;
        }

        Add(new Issue(stockClass.SecurityId, accountId!, quantity, date), item);
        _certificates[securityId] = new Certificate(stakeholderId, classId, quantity, date);
        if (item.Has("vestings") || item.Has("vesting_terms_id"))
        {
            ReportNotMapped(item, "partly imported: the shares are issued, but their vesting schedule is not, because the register has no vesting.");
        }
    }

    /// <summary>
    /// Plans a secondary transfer as forced transfers to each transferee. The history already
    /// happened, so the register records it with an override reason instead of judging it
    /// again against today's compliance rules.
    /// </summary>
    /// <remarks>
    /// NOTE: a forced transfer keeps the seller's acquisition dates on the moved lots, so the
    /// transferee's lots carry those dates, not the transfer date.
    /// </remarks>
    private void PlanTransfer(OcfObject item)
    {
        if (FindCertificate(item) is not var (securityId, certificate))
        {
            return;
        }

        var stockClass = _classes[certificate.ClassId];
        if (ParseQuantity(item, "quantity", stockClass.Decimals) is not { } quantity || !CheckRemaining(item, securityId, certificate, quantity))
        {
            return;
        }

        if (ReadResults(item, certificate, sameHolder: false, sameClass: true, quantity) is not { } results)
        {
            return;
        }

        var fromAccount = _accounts[certificate.StakeholderId];
        foreach (var (resultId, issuance, stakeholderId, _, resultQuantity) in results)
        {
            // A transfer between securities of one holder changes certificates, not holdings.
            if (stakeholderId != certificate.StakeholderId)
            {
                Add(new ForcedTransfer(stockClass.SecurityId, fromAccount, _accounts[stakeholderId], resultQuantity, OcfImporter.OverrideReason), item);
            }

            _certificates[resultId] = new Certificate(stakeholderId, certificate.ClassId, resultQuantity, issuance.RequiredDate("date"));
        }

        Reduce(item, securityId, certificate, quantity);
    }

    /// <summary>Plans a cancellation or repurchase: the shares leave the holder and the supply.</summary>
    private void PlanRedemption(OcfObject item)
    {
        if (FindCertificate(item) is not var (securityId, certificate))
        {
            return;
        }

        var stockClass = _classes[certificate.ClassId];
        if (ParseQuantity(item, "quantity", stockClass.Decimals) is not { } quantity || !CheckRemaining(item, securityId, certificate, quantity))
        {
            return;
        }

        Add(new Redeem(stockClass.SecurityId, _accounts[certificate.StakeholderId], quantity), item);
        Reduce(item, securityId, certificate, quantity);
    }

    /// <summary>
    /// Plans a retraction, which OCF uses when an issuance is withdrawn as if it never took
    /// place, as a redemption of everything still on the security.
    /// </summary>
    private void PlanRetraction(OcfObject item)
    {
        if (FindCertificate(item) is not var (securityId, certificate))
        {
            return;
        }

        var stockClass = _classes[certificate.ClassId];
        Add(new Redeem(stockClass.SecurityId, _accounts[certificate.StakeholderId], certificate.Remaining), item);
        _certificates.Remove(securityId);
    }

    /// <summary>
    /// Plans a conversion into another class as a redemption from the source class and an
    /// issuance into each resulting class that keeps the original acquisition date.
    /// </summary>
    private void PlanConversion(OcfObject item)
    {
        if (FindCertificate(item) is not var (securityId, certificate))
        {
            return;
        }

        var source = _classes[certificate.ClassId];
        if (ParseQuantity(item, "quantity_converted", source.Decimals) is not { } quantity || !CheckRemaining(item, securityId, certificate, quantity))
        {
            return;
        }

        if (ReadResults(item, certificate, sameHolder: true, sameClass: false, expectedTotal: null) is not { } results)
        {
            return;
        }

        var accountId = _accounts[certificate.StakeholderId];
        Add(new Redeem(source.SecurityId, accountId, quantity), item);
        foreach (var (resultId, _, _, classId, resultQuantity) in results)
        {
            Add(new Issue(_classes[classId].SecurityId, accountId, resultQuantity, certificate.AcquiredAt), item);
            _certificates[resultId] = new Certificate(certificate.StakeholderId, classId, resultQuantity, certificate.AcquiredAt);
        }

        Reduce(item, securityId, certificate, quantity);
    }

    private void PlanSplit(OcfObject item)
    {
        var classId = item.RequiredString("stock_class_id");
        if (!_classes.TryGetValue(classId, out var stockClass))
        {
            Report(item, $"not imported: {DescribeMissingClass(classId)}.");
            return;
        }

        var ratio = item.RequiredObject("split_ratio");
        var numeratorText = ratio.RequiredString("numerator");
        var denominatorText = ratio.RequiredString("denominator");
        if (ToIntegerRatio(numeratorText, denominatorText) is not var (numerator, denominator))
        {
            Report(item, $"not imported: split ratio {numeratorText}/{denominatorText} is not two positive decimal numbers that fit 64-bit integers.");
            return;
        }

        if (numerator == denominator)
        {
            Report(item, $"not imported: split ratio {numeratorText}/{denominatorText} is 1 and changes nothing.");
            return;
        }

        Add(new SplitSecurity(stockClass.SecurityId, numerator, denominator), item);

        // NOTE: the register rounds each account's balance down, and this rounds each certificate down,
        // so with a ratio that leaves fractions the two can differ by a unit per certificate.
        foreach (var certificate in _certificates.Values.Where(c => c.ClassId == classId))
        {
            certificate.Remaining = new Amount(checked(certificate.Remaining.Units * numerator) / denominator);
        }
    }

    /// <summary>Plans a reissuance: the holder's shares move to new securities, so only certificates change.</summary>
    private void PlanReissuance(OcfObject item)
    {
        if (FindCertificate(item) is not var (securityId, certificate))
        {
            return;
        }

        if (ReadResults(item, certificate, sameHolder: true, sameClass: true, certificate.Remaining) is not { } results)
        {
            return;
        }

        foreach (var (resultId, _, _, _, resultQuantity) in results)
        {
            _certificates[resultId] = new Certificate(certificate.StakeholderId, certificate.ClassId, resultQuantity, certificate.AcquiredAt);
        }

        _certificates.Remove(securityId);
    }

    /// <summary>
    /// Plans a consolidation of one holder's securities of one class into one, which changes
    /// certificates only. The new certificate keeps the earliest acquisition date.
    /// </summary>
    private void PlanConsolidation(OcfObject item)
    {
        var sources = new List<(string Id, Certificate Certificate)>();
        foreach (var id in item.Strings("security_ids"))
        {
            if (!_certificates.TryGetValue(id, out var certificate))
            {
                Report(item, $"not imported: {DescribeMissingSecurity(id)}.");
                return;
            }

            sources.Add((id, certificate));
        }

        if (sources.Count == 0)
        {
            Report(item, "not imported: security_ids is empty.");
            return;
        }

        var first = sources[0].Certificate;
        if (sources.Any(s => s.Certificate.StakeholderId != first.StakeholderId || s.Certificate.ClassId != first.ClassId))
        {
            Report(item, "not imported: the consolidated securities belong to different holders or stock classes.");
            return;
        }

        var total = sources.Aggregate(Amount.Zero, (sum, s) => sum.Plus(s.Certificate.Remaining));
        var resultId = item.RequiredString("resulting_security_id");
        if (ReadResult(item, resultId, first, sameHolder: true, sameClass: true) is not { } result)
        {
            return;
        }

        if (result.Quantity != total)
        {
            var decimals = _classes[first.ClassId].Decimals;
            Report(item, $"not imported: resulting security '{resultId}' has {result.Quantity.Format(decimals)} shares, but the consolidated securities hold {total.Format(decimals)}.");
            return;
        }

        foreach (var (id, _) in sources)
        {
            _certificates.Remove(id);
        }

        _certificates[resultId] = new Certificate(first.StakeholderId, first.ClassId, total, sources.Min(s => s.Certificate.AcquiredAt));
    }
}
