using System.CommandLine;

namespace Registra.Cli.Commands;

internal static partial class ImportCommand
{
    private static Command CreateOcf()
    {
        var path = new Argument<DirectoryInfo>("path") { Description = "Folder of an Open Cap Format package, holding Manifest.ocf.json." };
        var data = CliOptions.Data();
        var command = new Command("ocf", "Import an Open Cap Format package: issuer, stakeholders, stock classes and the stock transaction history.")
        {
            path, data,
        };
        command.SetAction(parse => Output.Error("The OCF importer is not wired in yet."));
        return command;
    }
}
