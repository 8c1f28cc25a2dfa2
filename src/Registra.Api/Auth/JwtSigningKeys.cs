using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Registra.Api.Auth;

/// <summary>Reads the JWT issuer's public signing keys from a JWKS document (.json) or a PEM public key or certificate.</summary>
internal static class JwtSigningKeys
{
    public static IReadOnlyList<SecurityKey> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Failed to read the JWT signing key file '{path}': {error.Message}", error);
        }

        var keys = text.TrimStart().StartsWith('{') ? FromJwks(path, text) : FromPem(path, text);
        return keys.Count > 0
            ? keys
            : throw new InvalidOperationException($"The JWT signing key file '{path}' contains no signing key.");
    }

    private static IReadOnlyList<SecurityKey> FromJwks(string path, string json)
    {
        try
        {
            return new JsonWebKeySet(json).GetSigningKeys().ToList();
        }
        catch (ArgumentException error)
        {
            throw new InvalidOperationException($"The JWT signing key file '{path}' is not a valid JWKS document: {error.Message}", error);
        }
    }

    private static IReadOnlyList<SecurityKey> FromPem(string path, string pem)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The JWT signing key file '{path}' contains a private key; give the issuer's public key or certificate only.");
        }

        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            return [new X509SecurityKey(X509Certificate2.CreateFromPem(pem))];
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return [new RsaSecurityKey(rsa)];
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException)
        {
            // Not an RSA key: try an elliptic-curve key before giving up.
        }

        try
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return [new ECDsaSecurityKey(ecdsa)];
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"The JWT signing key file '{path}' contains no PEM RSA or EC public key or certificate; give a PEM public key, certificate or JWKS file: {error.Message}", error);
        }
    }
}
