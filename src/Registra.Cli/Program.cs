using System.CommandLine;
using Registra.Cli.Commands;

var root = new RootCommand("Registra: the register, compliance engine and tamper-evident ledger of tokenized securities.")
{
    ImportCommand.Create(),
    ExportCommand.Create(),
    VerifyCommand.Create(),
    KeysCommand.Create(),
    ProofCommand.Create(),
    HoldersCommand.Create(),
    DemoCommand.Create(),
    ReasonsCommand.Create(),
    ServeCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
