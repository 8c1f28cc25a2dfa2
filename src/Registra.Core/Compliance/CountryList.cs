namespace Registra.Compliance;

/// <summary>Lookups in the country lists of rules, which every transfer checks.</summary>
internal static class CountryList
{
    /// <summary>Returns true when the list contains the code, ignoring case.</summary>
    /// <remarks>A loop rather than Enumerable.Contains with a comparer, which allocates an enumerator per call.</remarks>
    public static bool Contains(IReadOnlyList<string> codes, string code)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (string.Equals(codes[i], code, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
