using System.Globalization;
using Microsoft.Extensions.Logging;
using Registra.Ledger;

namespace Registra.Api.Operations;

/// <summary>
/// The open <c>audit.log</c>, rotated by size: before a line would take the file past the limit, the
/// file becomes <c>audit.log.1</c>, older files move up one number (<c>.1</c> to <c>.2</c> and so
/// on), files past the retention count are deleted, and a new <c>audit.log</c> is started.
/// </summary>
/// <remarks>
/// Only the audit log's single writer task uses it, so rotation happens between whole lines and
/// drops or splits none of them; only a failed disk write loses lines, as <see cref="AuditLog"/> logs.
/// A line longer than the limit is written alone into its own file.
/// </remarks>
internal sealed class AuditLogFile(string path, long maxBytes, int keepFiles, ILogger logger) : IDisposable
{
    private FileStream? _file;
    private long _length;

    /// <summary>Appends one line, rotating first when it would take a non-empty file past the limit.</summary>
    public void Write(ReadOnlySpan<byte> line)
    {
        var file = Open();
        if (maxBytes > 0 && _length > 0 && _length + line.Length > maxBytes)
        {
            file = Rotate(file);
        }

        file.Write(line);
        _length += line.Length;
    }

    /// <summary>Hands buffered lines to the operating system and, with <paramref name="toDisk"/>, waits until they are on the disk.</summary>
    public void Flush(bool toDisk) => _file?.Flush(toDisk);

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    private FileStream Open()
    {
        if (_file is null)
        {
            OwnerOnlyFile.CreateIfMissing(path);
            _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            _length = _file.Length;
        }

        return _file;
    }

    /// <summary>Closes the full file, renames the rotated files and opens a new one; on failure keeps appending to the current file.</summary>
    private FileStream Rotate(FileStream file)
    {
        file.Flush(flushToDisk: true);
        file.Dispose();
        _file = null;
        try
        {
            ShiftRotatedFiles();
            File.Move(path, RotatedPath(1));
            OperationsLog.AuditRotated(logger, path, _length);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Keeping every line matters more than the size limit, so the next line goes to the current file.
            OperationsLog.AuditRotationFailed(logger, error, path);
        }

        return Open();
    }

    /// <summary>Moves audit.log.N to audit.log.N+1 from the highest number down, deleting files past the retention count.</summary>
    private void ShiftRotatedFiles()
    {
        for (var number = HighestRotatedNumber(); number >= 1; number--)
        {
            var source = RotatedPath(number);
            if (!File.Exists(source))
            {
                continue;
            }

            if (keepFiles > 0 && number >= keepFiles)
            {
                File.Delete(source);
            }
            else
            {
                File.Move(source, RotatedPath(number + 1));
            }
        }
    }

    private int HighestRotatedNumber()
    {
        var prefix = Path.GetFileName(path) + ".";
        var highest = 0;
        // The pattern also matches audit.log itself, which has no number.
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, prefix + "*"))
        {
            var name = Path.GetFileName(file);
            if (name.Length <= prefix.Length)
            {
                continue;
            }

            if (int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > highest)
            {
                highest = number;
            }
        }

        return highest;
    }

    private string RotatedPath(int number) => path + "." + number.ToString(CultureInfo.InvariantCulture);
}
