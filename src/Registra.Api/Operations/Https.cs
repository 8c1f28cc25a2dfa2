using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Registra.Api.Hosting;

namespace Registra.Api.Operations;

/// <summary>Serves https:// addresses with the configured PKCS#12 certificate and sends HSTS on HTTPS responses.</summary>
internal static class Https
{
    public static bool IsConfigured(ApiOptions options) => options.CertificatePath is not null;

    public static void AddHttps(WebApplicationBuilder builder, ApiOptions options)
    {
        if (options.CertificatePath is not { } path)
        {
            return;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (Exception error) when (error is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Failed to load the HTTPS certificate '{path}': {error.Message} Give a PKCS#12 (.pfx) file with its private key and the right password.", error);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The HTTPS certificate '{path}' has no private key; export it with its key as PKCS#12 (.pfx).");
        }

        // The slim builder leaves out Kestrel's HTTPS set-up until asked for it.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));

        // NOTE: HSTS skips localhost, 127.0.0.1 and [::1] (the framework's default excluded hosts), so local clients are not pinned to HTTPS.
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
    }
}
