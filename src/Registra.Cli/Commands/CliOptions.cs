using System.CommandLine;

namespace Registra.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    public static Option<DirectoryInfo> Data() => new("--data")
    {
        Description = "Data folder holding the node key and the journal (journal.db); created when missing.",
        Required = true,
    };

    public static Option<DirectoryInfo> ExistingData() => new("--data")
    {
        Description = "Data folder holding the node key and the journal (journal.db).",
        Required = true,
    };
}
