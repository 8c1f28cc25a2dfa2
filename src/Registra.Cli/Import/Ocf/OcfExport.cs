using System.Security.Cryptography;
using System.Text.Json;

namespace Registra.Cli.Import.Ocf;

/// <summary>One file listed in the manifest, with its objects in file order.</summary>
internal sealed record OcfFile(string Name, string FileType, IReadOnlyList<OcfObject> Items);

/// <summary>
/// The files of an OCF export folder, read and checked against the manifest: every listed
/// file exists inside the folder, parses as JSON and has the file type its list promises.
/// </summary>
internal sealed class OcfExport
{
    public const string ManifestName = "Manifest.ocf.json";

    /// <summary>Manifest lists and the file type each listed file must declare.</summary>
    private static readonly (string List, string FileType)[] FileLists =
    [
        ("stakeholders_files", "OCF_STAKEHOLDERS_FILE"),
        ("stock_classes_files", "OCF_STOCK_CLASSES_FILE"),
        ("transactions_files", "OCF_TRANSACTIONS_FILE"),
        ("stock_plans_files", "OCF_STOCK_PLANS_FILE"),
        ("stock_legend_templates_files", "OCF_STOCK_LEGEND_TEMPLATES_FILE"),
        ("vesting_terms_files", "OCF_VESTING_TERMS_FILE"),
        ("valuations_files", "OCF_VALUATIONS_FILE"),
        ("financings_files", "OCF_FINANCINGS_FILE"),
        ("documents_files", "OCF_DOCUMENTS_FILE"),
    ];

    private OcfExport(OcfObject manifest, List<OcfFile> files)
    {
        Manifest = manifest;
        Files = files;
    }

    public OcfObject Manifest { get; }

    public IReadOnlyList<OcfFile> Files { get; }

    public IEnumerable<OcfFile> OfType(string fileType) => Files.Where(file => file.FileType == fileType);

    /// <summary>Reads the manifest and every file it lists; problems with single files' checksums go to the report.</summary>
    /// <exception cref="OcfImportException">The folder, the manifest or a listed file cannot be read.</exception>
    public static OcfExport Read(string folder, ImportReport report)
    {
        if (!Directory.Exists(folder))
        {
            throw new OcfImportException(folder,
                $"OCF export folder '{folder}' not found. Pass the folder that contains {ManifestName}.");
        }

        var manifestPath = Path.Combine(folder, ManifestName);
        if (!System.IO.File.Exists(manifestPath))
        {
            throw new OcfImportException(manifestPath,
                $"{ManifestName} not found in '{folder}'. An OCF export needs its manifest; export the cap table again or pass the folder that contains it.");
        }

        var manifestRoot = ParseFile(manifestPath, ManifestName);
        var manifest = new OcfObject(manifestRoot, ManifestName, 0);
        RequireFileType(manifest, manifestPath, "OCF_MANIFEST_FILE");

        var files = new List<OcfFile>();
        foreach (var (list, fileType) in FileLists)
        {
            foreach (var entry in ReadStructure(manifestPath, () => manifest.Objects(list)))
            {
                files.Add(ReadListed(folder, manifestPath, entry, fileType, report));
            }
        }

        return new OcfExport(manifest, files);
    }

    private static OcfFile ReadListed(string folder, string manifestPath, OcfObject entry, string fileType, ImportReport report)
    {
        var relative = ReadStructure(manifestPath, () => entry.RequiredString("filepath"));
        var fullFolder = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(fullFolder, relative));
        var name = Path.GetRelativePath(fullFolder, path);

        // A manifest must not make the importer read files outside the export folder.
        if (name.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(name))
        {
            throw new OcfImportException(manifestPath,
                $"{ManifestName} lists '{relative}', which is outside the export folder. List only files inside '{folder}'.");
        }

        if (!System.IO.File.Exists(path))
        {
            throw new OcfImportException(path,
                $"{ManifestName} lists '{relative}', but that file is missing from '{folder}'. Restore the file or export the cap table again.");
        }

        if (ReadStructure(manifestPath, () => entry.OptionalString("md5")) is { } expectedMd5)
        {
            var actualMd5 = Convert.ToHexStringLower(MD5.HashData(System.IO.File.ReadAllBytes(path)));
            if (!actualMd5.Equals(expectedMd5, StringComparison.OrdinalIgnoreCase))
            {
                report.Add(name, null,
                    $"MD5 checksum {actualMd5} differs from {expectedMd5} in the manifest, so the file changed after the export; imported as it is.",
                    ImportIssueSeverity.Notice);
            }
        }

        var root = ParseFile(path, name);
        var header = new OcfObject(root, name, 0);
        RequireFileType(header, path, fileType);
        var items = new List<OcfObject>();
        foreach (var item in ReadStructure(path, () => header.Objects("items")))
        {
            items.Add(new OcfObject(item.Element, name, items.Count));
        }

        return new OcfFile(name, fileType, items);
    }

    private static JsonElement ParseFile(string path, string name)
    {
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OcfImportException(path, $"{name} must contain a JSON object, but its top level is {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new OcfImportException(path,
                $"{name} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message} Fix the file or export the cap table again.", e);
        }
        catch (IOException e)
        {
            throw new OcfImportException(path, $"{name} could not be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new OcfImportException(path, $"{name} could not be read: {e.Message} Check the file permissions.", e);
        }
    }

    private static void RequireFileType(OcfObject header, string path, string expected)
    {
        var actual = ReadStructure(path, () => header.RequiredString("file_type"));
        if (actual != expected)
        {
            throw new OcfImportException(path,
                $"{header.File} has file_type '{actual}', but {expected} was expected here. Check which manifest list names this file.");
        }
    }

    /// <summary>Runs a read of file-level structure, turning a format error into an import error naming the file.</summary>
    private static T ReadStructure<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (OcfFormatException e)
        {
            throw new OcfImportException(path, $"{Path.GetFileName(path)} is not a valid OCF file: {e.Message}.", e);
        }
    }
}
