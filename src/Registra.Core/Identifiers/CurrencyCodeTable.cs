using System.Collections.Frozen;
using System.Globalization;

namespace Registra.Identifiers;

/// <summary>
/// The active ISO 4217 alphabetic currency and fund codes with their minor units, the number of
/// decimal digits between the major and the minor unit (USD 2, JPY 0, BHD 3).
/// </summary>
/// <remarks>
/// The table is the embedded data file <c>Identifiers/Data/iso4217-list-one.csv</c>, whose header
/// names its source and publication date. A null minor unit is "N.A." in that list.
/// </remarks>
internal static class CurrencyCodeTable
{
    internal const string ResourceName = "Registra.Identifiers.Data.iso4217-list-one.csv";

    private static readonly FrozenDictionary<string, int?> MinorUnitsByCode = Load();

    /// <summary>The number of active codes, for tests.</summary>
    public static int Count => MinorUnitsByCode.Count;

    /// <summary>Returns whether an upper-case code is active, and if so its minor units.</summary>
    public static bool TryGetMinorUnits(string code, out int? minorUnits) =>
        MinorUnitsByCode.TryGetValue(code, out minorUnits);

    /// <summary>Reads the embedded table; a malformed line is a build defect, so it throws.</summary>
    private static FrozenDictionary<string, int?> Load()
    {
        using var stream = typeof(CurrencyCodeTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded currency table {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses lines of "code,minor_units" after '#' comments and the header line.</summary>
    internal static FrozenDictionary<string, int?> Parse(string text)
    {
        var table = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line == "code,minor_units")
            {
                continue;
            }

            var comma = line.IndexOf(',');
            var code = comma == 3 ? line[..3] : throw new FormatException($"Currency table line '{line}' does not start with a three-letter code and a comma.");
            var units = line[4..];
            int? minorUnits = units == "N.A."
                ? null
                : int.TryParse(units, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && digits <= 4
                    ? digits
                    : throw new FormatException($"Currency table line '{line}' has minor units '{units}', not 0 to 4 or N.A.");
            if (!table.TryAdd(code, minorUnits))
            {
                throw new FormatException($"Currency table lists {code} twice.");
            }
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
