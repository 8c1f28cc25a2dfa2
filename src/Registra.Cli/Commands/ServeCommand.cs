using Microsoft.AspNetCore.Builder;
using System.CommandLine;
using Registra.Api.Hosting;
using Registra.Cli.Import.Ocf;
using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Cli.Commands;

/// <summary><c>registra serve</c>: the REST API on the embedded SQLite store or a PostgreSQL database.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data();
        var store = CliOptions.Store();
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
            data, store, urls, example,
        };
        operations.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(data)!, CliOptions.Journal(parse.GetValue(data)!, parse.GetValue(store)), parse.GetValue(urls)!, parse.GetValue(example),
            options => operations.Apply(parse, options), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo data, JournalLocation journal, string urls, DirectoryInfo? example, Func<ApiOptions, ApiOptions> configure, CancellationToken cancellationToken)
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
        DataFolder.RejectMissingNodeKey(data, journal);
        var options = configure(new ApiOptions { DataDirectory = data.FullName, Journal = journal, Urls = urls });
        WebApplication app;
        try
        {
            app = ApiHost.Build(options);
        }
        catch (ArgumentException exception)
        {
            // A setting the host cannot use, such as an unknown log formatter or trace exporter.
            return Output.Error(exception.Message);
        }

        await ApiServer.RunAsync(app, options, async (engine, cancellation) =>
        {
            if (plan is not null && engine.DurableHeight == 0 && engine.Role == NodeRole.Writer)
            {
                var rejected = await ImportCommand.ApplyAsync(plan, engine, cancellation);
                ImportCommand.PrintSummary(plan, rejected ?? [], engine);
            }
        }, cancellationToken);
        return ExitCodes.Success;
    }
}
