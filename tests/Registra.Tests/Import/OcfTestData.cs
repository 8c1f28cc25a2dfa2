namespace Registra.Tests.Import;

/// <summary>Paths of the OCF exports copied to the test output, and scratch copies to break.</summary>
internal static class OcfTestData
{
    public static string MeridianHarbor => Path.Combine(AppContext.BaseDirectory, "Examples", "ocf", "meridian-harbor");

    public static string Samples => Path.Combine(AppContext.BaseDirectory, "Data", "ocf", "samples");

    /// <summary>Copies the Meridian Harbor export to a new temporary folder that the caller may change.</summary>
    public static string CopyMeridianHarbor()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registra-ocf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(MeridianHarbor))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
