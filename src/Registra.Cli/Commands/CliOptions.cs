using System.CommandLine;
using System.CommandLine.Parsing;
using Registra.Ledger;

namespace Registra.Cli.Commands;

/// <summary>Options shared by several commands, with the checks that turn a wrong path into a parse error.</summary>
internal static class CliOptions
{
    public static Option<DirectoryInfo> Data()
    {
        var option = new Option<DirectoryInfo>("--data")
        {
            Description = "Data folder holding the node key and the journal (journal.db); created when missing.",
            Required = true,
        };
        option.Validators.Add(RejectFile);
        return option;
    }

    public static Option<DirectoryInfo> ExistingData()
    {
        var option = new Option<DirectoryInfo>("--data")
        {
            Description = "Data folder holding the node key and the journal (journal.db).",
            Required = true,
        };
        option.Validators.Add(RequireExistingFolder);
        return option;
    }

    /// <summary>
    /// The optional <c>--store</c>: a PostgreSQL connection string or URL for the journal. A malformed
    /// value is a parse error; a missing one means journal.db in the data folder.
    /// </summary>
    public static Option<string?> Store()
    {
        var option = new Option<string?>("--store")
        {
            Description = "Keep the journal in PostgreSQL: a connection string such as \"Host=db.example;Database=registra;Username=registra\" " +
                "or a postgres://USER@HOST/DB URL. Without it the journal is journal.db in the data folder. The node key stays in --data.",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } value)
            {
                return;
            }

            try
            {
                JournalLocation.Postgres(value);
            }
            catch (ArgumentException exception)
            {
                result.AddError($"--store: {exception.Message}");
            }
        });
        return option;
    }

    /// <summary>Where the journal of a command is: the <c>--store</c> database when given, else journal.db in <paramref name="data"/>.</summary>
    public static JournalLocation Journal(DirectoryInfo data, string? store) => JournalLocation.Parse(store, data.FullName);

    /// <summary>An optional output file whose folder must exist; standard output when omitted.</summary>
    public static Option<FileInfo?> OutputFile(string description)
    {
        var option = new Option<FileInfo?>("--output", "-o") { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo?>() is not { } file)
            {
                return;
            }

            if (Directory.Exists(file.FullName))
            {
                result.AddError($"--output {file.FullName} is a folder; give the path of a file to write.");
            }
            else if (file.DirectoryName is { } folder && !Directory.Exists(folder))
            {
                result.AddError($"--output {file.FullName}: the folder {folder} does not exist; create it first or choose another path.");
            }
        });
        return option;
    }

    /// <summary>Adds a check that a file argument or option names a file, not a folder.</summary>
    public static void RejectFolder(Symbol symbol, string label)
    {
        Action<SymbolResult> validate = result =>
        {
            var file = result switch
            {
                ArgumentResult argument => argument.GetValueOrDefault<FileInfo?>(),
                OptionResult option => option.GetValueOrDefault<FileInfo?>(),
                _ => null,
            };
            if (file is not null && Directory.Exists(file.FullName))
            {
                result.AddError($"{label} {file.FullName} is a folder; give the path of a file.");
            }
        };

        switch (symbol)
        {
            case Argument argument:
                argument.Validators.Add(result => validate(result));
                break;
            case Option option:
                option.Validators.Add(result => validate(result));
                break;
        }
    }

    private static void RejectFile(OptionResult result)
    {
        var folder = result.GetValueOrDefault<DirectoryInfo>();
        if (folder is not null && File.Exists(folder.FullName))
        {
            result.AddError($"--data {folder.FullName} is a file; give a data folder.");
        }
    }

    private static void RequireExistingFolder(OptionResult result)
    {
        RejectFile(result);
        var folder = result.GetValueOrDefault<DirectoryInfo>();
        if (folder is not null && !File.Exists(folder.FullName) && !Directory.Exists(folder.FullName))
        {
            result.AddError($"--data folder {folder.FullName} does not exist; check the path.");
        }
    }
}
