namespace Registra.Cli.Import.Ocf;

/// <summary>
/// Raised when an OCF export cannot be read at all: a missing folder or manifest, invalid
/// JSON, a listed file that is missing or of the wrong kind. Problems confined to single
/// objects go to the <see cref="ImportReport"/> instead, so the rest of the import goes on.
/// </summary>
public sealed class OcfImportException : Exception
{
    public OcfImportException(string file, string message, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
    }

    /// <summary>Path of the file or folder that could not be read.</summary>
    public string File { get; }
}
