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
    BallotCommand.Create(),
    DistributionsCommand.Create(),
    WaterfallCommand.Create(),
    DemoCommand.Create(),
    ReasonsCommand.Create(),
    ServeCommand.Create(),
};

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    return Output.ParseErrors(parseResult);
}

// Failures of files, keys and stored data become one "error:" line with exit code 2, not a stack trace.
try
{
    return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception exception) when (Failures.IsInputFailure(exception))
{
    return Output.Error(Failures.Describe(exception));
}
