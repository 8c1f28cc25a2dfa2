using System.Security.Cryptography;
using System.Text.Json;

namespace Registra.Api.Hosting;

/// <summary>Entity tags: a hash of the representation for reads, the version for rule sets.</summary>
public static class ETags
{
    public static string Of<T>(T value)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value));
        return $"\"{Convert.ToHexStringLower(hash, 0, 8)}\"";
    }

    public static string OfVersion(int version) => $"\"v{version}\"";

    /// <summary>Reads a version tag such as "v3" (quoted, optionally weak); null when absent or malformed.</summary>
    public static int? ParseVersion(string? header)
    {
        var text = header?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.Trim('"');
        return text.StartsWith('v') && int.TryParse(text.AsSpan(1), out var version) && version >= 0 ? version : null;
    }
}
