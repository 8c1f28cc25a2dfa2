namespace Registra.Ledger;

/// <summary>
/// Files of the data folder that only the server's user may read: the journal, its snapshots and
/// the audit log hold every identity and movement of the register.
/// </summary>
public static class OwnerOnlyFile
{
    /// <summary>Read and write for the owner, nothing for the group or others (0600).</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates an empty file with mode 0600 when none exists at <paramref name="path"/>, so the
    /// SQLite connection or append stream that opens it next opens a private file. SQLite gives
    /// its WAL and shared-memory files the database file's mode. An existing file keeps its mode.
    /// </summary>
    public static void CreateIfMissing(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = Mode,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first, and its mode is then that process's choice.
        }
    }
}
