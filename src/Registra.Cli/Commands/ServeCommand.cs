using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registra.Api.Auth;
using Registra.Api.Hosting;
using Registra.Cli.Import.Ocf;
using Registra.Ledger.Engine;

namespace Registra.Cli.Commands;

/// <summary><c>registra serve</c>: the REST API on the embedded SQLite store.</summary>
internal static class ServeCommand
{
    public const string OperatorKeyFileName = "operator.key";

    public static Command Create()
    {
        var data = CliOptions.Data();
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by semicolons.",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var example = new Option<DirectoryInfo?>("--example")
        {
            Description = "Import this Open Cap Format package when the data folder is empty, such as examples/ocf/meridian-harbor.",
        };
        var operations = ServeOperationsOptions.Create();
        var command = new Command("serve", "Run the REST API. On first start it creates the node key and an operator API key, written to operator.key in the data folder.")
        {
            data, urls, example,
        };
        operations.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(data)!, parse.GetValue(urls)!, parse.GetValue(example),
            options => operations.Apply(parse, options), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo data, string urls, DirectoryInfo? example, Func<ApiOptions, ApiOptions> configure, CancellationToken cancellationToken)
    {
        ImportPlan? plan = null;
        if (example is not null)
        {
            try
            {
                plan = OcfImporter.Plan(example.FullName);
            }
            catch (OcfImportException exception)
            {
                return Output.Error(exception.Message);
            }
        }

        Directory.CreateDirectory(data.FullName);
        var app = ApiHost.Build(configure(new ApiOptions { DataDirectory = data.FullName, Urls = urls }));
        var engine = app.Services.GetRequiredService<LedgerEngine>();
        if (plan is not null && engine.DurableHeight == 0 && engine.Role == NodeRole.Writer)
        {
            var rejected = await ImportCommand.ApplyAsync(plan, engine, cancellationToken);
            ImportCommand.PrintSummary(plan, rejected ?? [], engine);
        }

        EnsureOperatorKey(app.Services.GetRequiredService<ApiKeyCache>(), data.FullName);
        var role = engine.Role == NodeRole.Writer ? "writer" : "follower";
        Console.Error.WriteLine($"Registra listening on {urls} as the {role}; data in {data.FullName}; node key {engine.KeyId}.");
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);

        // Stopping the host disposes the engine, which settles queued commands and writes the last block.
        await app.DisposeAsync();
        return ExitCodes.Success;
    }

    /// <summary>Creates the first operator key once, prints it, and writes it to a file only the owner can read.</summary>
    private static void EnsureOperatorKey(ApiKeyCache keys, string dataDirectory)
    {
        // Deleting operator.key does not mint another key: create more with 'registra keys create'.
        if (keys.Change(registry => registry.CreateFirstOperatorKey()) is not { } created)
        {
            return;
        }

        var path = Path.Combine(dataDirectory, OperatorKeyFileName);
        File.WriteAllText(path, created.Key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Console.Error.WriteLine($"Created the first operator API key; it is in {path} and shown once here:");
        Console.WriteLine(created.Key);
    }
}
