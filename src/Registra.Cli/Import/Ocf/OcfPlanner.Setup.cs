using Registra.Amounts;
using Registra.Commands;
using Registra.Events;
using Registra.Identifiers;
using Registra.Identities;
using Registra.Securities;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Cli.Import.Ocf;

internal sealed partial class OcfPlanner
{
    /// <summary>Claim id of the jurisdiction claim each stakeholder with a known country gets.</summary>
    private const string JurisdictionClaimId = "ocf-jurisdiction";

    private DateTimeOffset _asOf;

    private void PlanIssuer()
    {
        var manifest = _export.Manifest;
        try
        {
            var issuer = manifest.RequiredObject("issuer");
            _issuerId = issuer.RequiredString("id");
            _asOf = manifest.RequiredDate("as_of");
            if (!RegisterMachine.IsValidId(_issuerId))
            {
                throw new OcfFormatException(
                    $"issuer id '{_issuerId}' is not a valid register id (1 to 128 letters, digits or . _ : @ -, starting with a letter or digit)");
            }

            Add(new CreateIssuer(_issuerId, issuer.RequiredString("legal_name")), issuer);
            Add(new RegisterClaimIssuer(OcfImporter.ClaimIssuerId, "Open Cap Format import"), issuer);
        }
        catch (OcfFormatException e)
        {
            // Without an issuer no security can be created, so the import cannot go on.
            throw new OcfImportException(OcfExport.ManifestName,
                $"{OcfExport.ManifestName} is not a valid OCF manifest: {e.Message}. Fix the manifest or export the cap table again.", e);
        }
    }

    private void PlanStakeholders()
    {
        foreach (var file in _export.OfType("OCF_STAKEHOLDERS_FILE"))
        {
            foreach (var item in file.Items)
            {
                Guarded(item, PlanStakeholder);
            }
        }
    }

    private void PlanStakeholder(OcfObject item)
    {
        if (item.ObjectType != "STAKEHOLDER")
        {
            Report(item, $"not imported: object type '{item.ObjectType}' does not belong in a stakeholders file.");
            return;
        }

        var id = item.RequiredString("id");
        if (!_stakeholdersRead.Add(id))
        {
            Report(item, $"not imported: stakeholder id '{id}' appears more than once; the first one was imported.");
            return;
        }

        if (!RegisterMachine.IsValidId(id))
        {
            Report(item, $"not imported: '{id}' is not a valid register id (1 to 128 letters, digits or . _ : @ -, starting with a letter or digit).");
            return;
        }

        var kind = item.RequiredString("stakeholder_type") switch
        {
            "INDIVIDUAL" => IdentityKind.Individual,
            "INSTITUTION" => IdentityKind.Entity,
            var other => throw new OcfFormatException($"stakeholder_type '{other}' is not INDIVIDUAL or INSTITUTION"),
        };
        var name = item.RequiredObject("name").RequiredString("legal_name");

        Add(new RegisterIdentity(id, kind, name), item);
        Add(new AddAccount(id, id), item);
        _accounts[id] = id;

        if (FindCountry(item) is { } country)
        {
            // NOTE: the export states the address only as of its as_of date, so the claim starts there.
            Add(new AddClaim(id, JurisdictionClaimId, ClaimTypes.Jurisdiction, country, OcfImporter.ClaimIssuerId, _asOf), item);
        }
    }

    /// <summary>
    /// Returns the country of the stakeholder's legal address, or of its first address with
    /// a country when none is marked legal. An unassigned code is reported and ignored.
    /// </summary>
    private string? FindCountry(OcfObject stakeholder)
    {
        var addresses = stakeholder.Objects("addresses");
        var address = addresses.FirstOrDefault(a => a.OptionalString("address_type") == "LEGAL" && a.Has("country"))
            ?? addresses.FirstOrDefault(a => a.Has("country"));
        var country = address?.OptionalString("country");
        if (country is null)
        {
            return null;
        }

        if (!CountryCode.TryParse(country, out var code))
        {
            Report(stakeholder, $"no jurisdiction claim: address country '{country}' is not an assigned ISO 3166-1 alpha-2 code.");
            return null;
        }

        return code.Value;
    }

    private void PlanStockClasses()
    {
        var decimals = FindClassDecimals();
        var splitRatios = FindSplitRatios();
        var accepted = new List<(OcfObject Item, string SecurityId, int Decimals)>();
        var securityIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in _export.OfType("OCF_STOCK_CLASSES_FILE"))
        {
            foreach (var item in file.Items)
            {
                Guarded(item, _ =>
                {
                    if (ReadStockClass(item, decimals, securityIds) is { } imported)
                    {
                        accepted.Add((item, imported.SecurityId, imported.Decimals));
                    }
                });
            }
        }

        // Terms name the security a class converts to, so every class id is known before terms are built.
        foreach (var (item, _, classDecimals) in accepted)
        {
            var name = item.RequiredString("name").Trim();
            var terms = BuildTerms(item, splitRatios);
            Add(new CreateSecurity(_issuerId, name, AssetClass.Equity, classDecimals, Terms: terms), item);
        }
    }

    private ImportedClass? ReadStockClass(OcfObject item, Dictionary<string, int> decimals, HashSet<string> securityIds)
    {
        if (item.ObjectType != "STOCK_CLASS")
        {
            Report(item, $"not imported: object type '{item.ObjectType}' does not belong in a stock classes file.");
            return null;
        }

        var id = item.RequiredString("id");
        if (!_classesRead.Add(id))
        {
            Report(item, $"not imported: stock class id '{id}' appears more than once; the first one was imported.");
            return null;
        }

        var name = item.RequiredString("name").Trim();
        if (name.Length == 0)
        {
            Report(item, "not imported: the stock class name is empty.");
            return null;
        }

        var classDecimals = decimals.GetValueOrDefault(id);
        var descriptor = new SecurityCreated(string.Empty, _issuerId, name, null, AssetClass.Equity, classDecimals, null,
            new Dictionary<string, string>(), new Dictionary<string, string>());
        var securityId = RegisterMachine.DeriveSecurityId(descriptor);
        if (!securityIds.Add(securityId))
        {
            Report(item, $"not imported: another stock class has the name '{name}', and the register derives security ids from the name.");
            return null;
        }

        var imported = new ImportedClass(securityId, classDecimals);
        _classes[id] = imported;
        return imported;
    }

    /// <summary>
    /// Finds, per stock class id, the decimals its issuance quantities need: 0 for whole
    /// shares, more when an issuance has fractional shares. Unusable quantities are
    /// skipped here and reported when their transaction is planned.
    /// </summary>
    private Dictionary<string, int> FindClassDecimals()
    {
        var decimals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in _export.OfType("OCF_TRANSACTIONS_FILE").SelectMany(file => file.Items))
        {
            if (item.ObjectType != "TX_STOCK_ISSUANCE")
            {
                continue;
            }

            try
            {
                var classId = item.OptionalString("stock_class_id");
                var quantity = item.OptionalString("quantity");
                if (classId is null || quantity is null)
                {
                    continue;
                }

                var dot = quantity.IndexOf('.', StringComparison.Ordinal);
                var fraction = dot < 0 ? 0 : quantity[(dot + 1)..].Trim().TrimEnd('0').Length;
                decimals[classId] = Math.Min(Amount.MaxDecimals, Math.Max(decimals.GetValueOrDefault(classId), fraction));
            }
            catch (OcfFormatException)
            {
                // Reported when the issuance itself is planned.
            }
        }

        return decimals;
    }

    /// <summary>
    /// Multiplies, per stock class id, the ratios of the class's splits in the transactions, so a
    /// price per original share can be turned into a price per share after every split.
    /// Splits the history step would not import (unusable ratios) are left out here too.
    /// </summary>
    private Dictionary<string, CorporateActions.Rational> FindSplitRatios()
    {
        var ratios = new Dictionary<string, CorporateActions.Rational>(StringComparer.Ordinal);
        foreach (var item in _export.OfType("OCF_TRANSACTIONS_FILE").SelectMany(file => file.Items))
        {
            if (item.ObjectType != "TX_STOCK_CLASS_SPLIT")
            {
                continue;
            }

            try
            {
                var classId = item.RequiredString("stock_class_id");
                var ratio = item.RequiredObject("split_ratio");
                if (ToIntegerRatio(ratio.RequiredString("numerator"), ratio.RequiredString("denominator")) is var (numerator, denominator))
                {
                    ratios[classId] = ratios.GetValueOrDefault(classId, CorporateActions.Rational.One) * CorporateActions.Rational.Create(numerator, denominator);
                }
            }
            catch (OcfFormatException)
            {
                // Reported when the split itself is planned.
            }
        }

        return ratios;
    }

    /// <summary>
    /// Copies the class terms a liquidation waterfall needs into the security's terms, as
    /// strings. Only the first conversion right fits these keys; further ones are reported.
    /// </summary>
    /// <remarks>
    /// NOTE: terms are fixed at creation, so prices and conversion ratios stay as the class
    /// defines them and are not adjusted for later splits or ratio adjustments.
    /// </remarks>
    private Dictionary<string, string> BuildTerms(OcfObject item, Dictionary<string, CorporateActions.Rational> splitRatios)
    {
        var terms = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ocf_stock_class_id"] = item.RequiredString("id"),
            ["class_type"] = item.RequiredString("class_type"),
        };
        SetTerm(terms, "seniority", item.OptionalString("seniority"));
        SetTerm(terms, "liquidation_preference_multiple", item.OptionalString("liquidation_preference_multiple"));
        SetTerm(terms, "participation_cap_multiple", item.OptionalString("participation_cap_multiple"));
        SetTerm(terms, "price_per_share", item.OptionalMonetary("price_per_share"));
        SetTerm(terms, "par_value", item.OptionalMonetary("par_value"));
        SetTerm(terms, "votes_per_share", item.OptionalString("votes_per_share"));
        SetTerm(terms, "initial_shares_authorized", item.OptionalString("initial_shares_authorized"));
        SetTerm(terms, "board_approval_date", item.OptionalString("board_approval_date"));
        SetTerm(terms, "stockholder_approval_date", item.OptionalString("stockholder_approval_date"));

        if (splitRatios.TryGetValue(item.RequiredString("id"), out var splitRatio) && splitRatio != CorporateActions.Rational.One)
        {
            // The class price is per original share; the waterfall divides it by this to get the price per share after the splits.
            terms["price_split_ratio"] = splitRatio.ToString();
        }

        var rights = item.Objects("conversion_rights");
        if (rights.Count > 0)
        {
            AddConversionTerms(item, rights[0], terms);
        }

        if (rights.Count > 1)
        {
            ReportNotMapped(item, $"partly imported: only the first of {rights.Count} conversion rights is kept in the security terms.");
        }

        return terms;
    }

    private void AddConversionTerms(OcfObject item, OcfObject right, Dictionary<string, string> terms)
    {
        var targetClassId = right.OptionalString("converts_to_stock_class_id");
        SetTerm(terms, "converts_to_stock_class_id", targetClassId);
        if (targetClassId is not null && _classes.TryGetValue(targetClassId, out var target))
        {
            terms["converts_to_security_id"] = target.SecurityId;
        }
        else if (targetClassId is not null)
        {
            Report(item, $"partly imported: the conversion right refers to {DescribeMissingClass(targetClassId)}.");
        }

        if (right.OptionalObject("conversion_mechanism") is not { } mechanism)
        {
            return;
        }

        SetTerm(terms, "conversion_mechanism", mechanism.OptionalString("type"));
        SetTerm(terms, "conversion_price", mechanism.OptionalMonetary("conversion_price"));
        SetTerm(terms, "conversion_rounding", mechanism.OptionalString("rounding_type"));
        if (mechanism.OptionalObject("ratio") is { } ratio)
        {
            terms["conversion_ratio"] = $"{ratio.RequiredString("numerator")}/{ratio.RequiredString("denominator")}";
        }
    }

    private static void SetTerm(Dictionary<string, string> terms, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            terms[key] = value.Trim();
        }
    }
}
