using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registra.Api.Auth;
using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Api.Hosting;

/// <summary>
/// Runs a built API host until shutdown: the start-up steps that <c>registra serve</c> and
/// <see cref="Program"/> share, so both serve the same API from the same data folder.
/// </summary>
public static class ApiServer
{
    public const string OperatorKeyFileName = "operator.key";

    /// <summary>
    /// Runs <paramref name="prepare"/> on the open engine, creates the first operator key, then serves
    /// until the host is asked to stop.
    /// </summary>
    public static async Task RunAsync(WebApplication app, ApiOptions options, Func<LedgerEngine, CancellationToken, Task>? prepare, CancellationToken cancellationToken)
    {
        var engine = app.Services.GetRequiredService<LedgerEngine>();
        if (prepare is not null)
        {
            await prepare(engine, cancellationToken);
        }

        EnsureOperatorKey(app.Services.GetRequiredService<ApiKeyCache>(), options.DataDirectory);
        var role = engine.Role == NodeRole.Writer ? "writer" : "follower";
        var journal = options.Journal ?? JournalLocation.InDataFolder(options.DataDirectory);
        Console.Error.WriteLine($"Registra listening on {options.Urls ?? "the framework's default address"} as the {role}; data in {options.DataDirectory}; " +
            $"journal in {journal.Description}; node key {engine.KeyId}.");
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);

        // Stopping the host closes the engine, which settles queued commands and writes the last block.
        await app.DisposeAsync();
    }

    /// <summary>Creates the first operator key once, prints it, and writes it to a file only the owner can read.</summary>
    private static void EnsureOperatorKey(ApiKeyCache keys, string dataDirectory)
    {
        // Deleting operator.key does not mint another key: create more with 'registra keys create'.
        if (keys.Change(registry => registry.CreateFirstOperatorKey()) is not { } created)
        {
            return;
        }

        // Created with mode 0600 before the key is written, so the key is never readable by others.
        var path = Path.Combine(dataDirectory, OperatorKeyFileName);
        OwnerOnlyFile.CreateIfMissing(path);
        File.WriteAllText(path, created.Key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnlyFile.Mode);
        }

        Console.Error.WriteLine($"Created the first operator API key; it is in {path} and shown once here:");
        Console.WriteLine(created.Key);
    }
}
