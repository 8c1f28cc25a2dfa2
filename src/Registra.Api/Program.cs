using Microsoft.AspNetCore.Builder;
using Registra.Api.Hosting;
using Registra.Ledger;

namespace Registra.Api;

/// <summary>
/// Entry point of the API assembly. It runs the host that <c>registra serve</c> runs, with the
/// options read from ASP.NET Core configuration (<see cref="ApiConfiguration"/>) instead of
/// command options, so <c>WebApplicationFactory&lt;Program&gt;</c> can boot and reconfigure it.
/// </summary>
/// <remarks>Unlike <c>registra serve</c>, it imports no example cap table.</remarks>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Serves until stopped; returns 2 when a setting is invalid or node.key is missing beside a signed journal.</summary>
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        ApiOptions options;
        WebApplication app;
        try
        {
            options = ApiConfiguration.Read(builder.Configuration);
            Directory.CreateDirectory(options.DataDirectory);
            NodeKeyGuard.RejectMissingNodeKey(options.DataDirectory, options.Journal ?? JournalLocation.InDataFolder(options.DataDirectory));
            app = ApiHost.Build(builder, options);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            return 2;
        }

        await ApiServer.RunAsync(app, options, prepare: null, CancellationToken.None);
        return 0;
    }
}
