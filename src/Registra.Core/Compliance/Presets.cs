namespace Registra.Compliance;

/// <summary>
/// Regulatory presets. A preset expands into ordinary rules labelled with its name, which
/// can then be inspected and edited like any other rule.
/// </summary>
public static class Presets
{
    public static IReadOnlyList<string> Names { get; } =
        ["reg_d_506b", "reg_d_506c", "reg_s", "rule_144", "section_12g"];

    /// <summary>
    /// Expands a preset. Parameters: reg_s takes "category" (1, 2 or 3), "closing" (the offering
    /// close, RFC 3339) and "assetClass" ("equity" or "debt"); rule_144 takes "reporting" (true or false).
    /// </summary>
    public static PresetResult Expand(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        parameters ??= new Dictionary<string, string>();
        return name switch
        {
            "reg_d_506b" => PresetResult.Of(
            [
                // Rule 506(b)(2)(ii): at most 35 purchasers who are not accredited investors.
                new IdentityVerifiedRule([Identities.ClaimTypes.Kyc]) { Label = "Reg D 506(b)" },
                new MaxHoldersRule(35, Category: MaxHoldersRule.NonAccredited) { Label = "Reg D 506(b): at most 35 non-accredited purchasers" },
                new HoldingPeriodRule("P6M") { Label = "Reg D 506(b): restricted securities, Rule 144 holding period" },
            ]),
            "reg_d_506c" => PresetResult.Of(
            [
                // Rule 506(c): every purchaser is an accredited investor, verified by the issuer.
                new IdentityVerifiedRule([Identities.ClaimTypes.Kyc, Identities.ClaimTypes.Accredited]) { Label = "Reg D 506(c)" },
                new EligibilityRule(Identities.ClaimTypes.Accredited, null) { Label = "Reg D 506(c): accredited investors only" },
                new HoldingPeriodRule("P6M") { Label = "Reg D 506(c): restricted securities, Rule 144 holding period" },
            ]),
            "reg_s" => RegulationS(parameters),
            "rule_144" => Rule144(parameters),
            "section_12g" => PresetResult.Of(
            [
                // Section 12(g)(1)(A): registration is required at 2,000 holders of record or
                // 500 who are not accredited, so the preset keeps the counts one below.
                new MaxHoldersRule(1999) { Label = "Section 12(g): fewer than 2,000 holders of record" },
                new MaxHoldersRule(499, Category: MaxHoldersRule.NonAccredited) { Label = "Section 12(g): fewer than 500 non-accredited holders" },
            ]),
            _ => PresetResult.Invalid($"unknown preset '{name}'; use one of {string.Join(", ", Names)}"),
        };
    }

    private static PresetResult Rule144(IReadOnlyDictionary<string, string> parameters)
    {
        // Rule 144(d)(1): six months for issuers that have reported under the Exchange Act
        // for at least 90 days, one year otherwise.
        var reporting = parameters.GetValueOrDefault("reporting", "false");
        if (reporting is not ("true" or "false"))
        {
            return PresetResult.Invalid($"rule_144 parameter 'reporting' must be true or false, not '{reporting}'");
        }

        var period = reporting == "true" ? "P6M" : "P12M";
        return PresetResult.Of([new HoldingPeriodRule(period) { Label = $"Rule 144 ({(reporting == "true" ? "reporting" : "non-reporting")} issuer)" }]);
    }

    private static PresetResult RegulationS(IReadOnlyDictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("closing", out var closingText) || !DateTimeOffset.TryParse(closingText, out var closing))
        {
            return PresetResult.Invalid("reg_s needs parameter 'closing', the offering close as an RFC 3339 instant");
        }

        var category = parameters.GetValueOrDefault("category", "3");
        var assetClass = parameters.GetValueOrDefault("assetClass", "equity");

        // Rule 903(b): category 1 has no distribution compliance period; category 2 has 40 days;
        // category 3 has 40 days for debt and one year for equity (six months for reporting issuers).
        string? period = (category, assetClass) switch
        {
            ("1", _) => null,
            ("2", _) => "P40D",
            ("3", "debt") => "P40D",
            ("3", "equity") => parameters.GetValueOrDefault("reporting") == "true" ? "P6M" : "P1Y",
            _ => "invalid",
        };
        if (period == "invalid")
        {
            return PresetResult.Invalid($"reg_s needs category 1, 2 or 3 and assetClass equity or debt, not '{category}' and '{assetClass}'");
        }

        if (period is null)
        {
            return PresetResult.Of([]);
        }

        var until = CalendarPeriod.TryParse(period)!.Value.AddTo(closing.ToUniversalTime());
        return PresetResult.Of([new DistributionCompliancePeriodRule(until) { Label = $"Reg S category {category}: {period} distribution compliance period" }]);
    }
}
