namespace Registra.Ledger.Nodes;

/// <summary>
/// A writer lease for nodes on one machine that share a SQLite journal: an exclusive lock on a
/// file beside the journal. .NET takes it with <c>flock</c> on Linux and macOS, so the operating
/// system releases it when the holding process exits or is killed.
/// </summary>
public sealed class FileWriterLease(string path) : IWriterLease
{
    public const string FileName = "writer.lock";

    private FileStream? _lock;

    public bool IsHeld => _lock is not null;

    public bool TryAcquire()
    {
        if (_lock is not null)
        {
            return true;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            // Another process holds the lock.
            return false;
        }
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
