using System.CommandLine;
using Registra.Reasons;

namespace Registra.Cli.Commands;

/// <summary><c>registra reasons</c>: prints the reason-code catalogue.</summary>
internal static class ReasonsCommand
{
    public static Command Create()
    {
        var command = new Command("reasons", "Print every rejection reason code with its HTTP status, ERC-1066 and ERC-1404 codes, as a Markdown table.");
        command.SetAction(_ =>
        {
            Console.Write(ReasonCatalogue.ToMarkdown());
            return ExitCodes.Success;
        });
        return command;
    }
}
