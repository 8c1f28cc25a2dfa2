namespace Registra.Tests.Identifiers;

/// <summary>
/// Reads the reference files of valid identifiers copied to Data/identifiers in the test output.
/// </summary>
internal static class ReferenceData
{
    /// <summary>Returns the non-empty lines of valid-{kind}.txt, as written in the file.</summary>
    public static string[] ReadLines(string kind)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "identifiers", $"valid-{kind}.txt");
        return File.ReadAllLines(path).Where(line => line.Trim().Length > 0).ToArray();
    }
}
