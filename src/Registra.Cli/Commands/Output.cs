using System.CommandLine;
using System.CommandLine.Parsing;
using Spectre.Console;

namespace Registra.Cli.Commands;

/// <summary>Console output helpers: results on standard output, errors and progress on standard error.</summary>
internal static class Output
{
    // Messages go out unwrapped, so logs and scripts see each one on a single line.
    public static int Error(string message, int exitCode = ExitCodes.InvalidInput)
    {
        Console.Error.WriteLine("error: " + message);
        return exitCode;
    }

    public static void Info(string message) => Console.Out.WriteLine(message);

    public static void Warning(string message) => Console.Error.WriteLine("warning: " + message);

    /// <summary>Prints every parse error and a hint to use --help; returns the exit code for bad arguments.</summary>
    public static int ParseErrors(ParseResult parseResult)
    {
        // "registra frobnicate" also reports that no command was given, which only repeats the unknown word's error.
        var unknownWord = parseResult.Errors.Any(error => error.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal));
        foreach (var error in parseResult.Errors)
        {
            if (unknownWord && error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            {
                continue;
            }

            Console.Error.WriteLine("error: " + DescribeTypes(error.Message));
        }

        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        var commandPath = string.Join(' ', names);
        Console.Error.WriteLine($"Run 'registra {(commandPath.Length == 0 ? string.Empty : commandPath + " ")}--help' for the commands and options.");
        return ExitCodes.InvalidInput;
    }

    /// <summary>Formats a count with its noun, plural unless the count is 1: "1 block", "2 blocks"; the plural defaults to the noun and "s".</summary>
    public static string Count(long count, string noun, string? plural = null) => count == 1 ? $"1 {noun}" : $"{count} {plural ?? noun + "s"}";

    // System.CommandLine names the .NET type it failed to parse; a user knows the kind of value instead.
    private static string DescribeTypes(string message) => message
        .Replace("expected type 'System.Int32'", "a whole number")
        .Replace("expected type 'System.Int64'", "a whole number")
        .Replace("expected type 'System.Boolean'", "true or false");

    /// <summary>Runs work with a progress bar of <paramref name="total"/> steps when the console is interactive.</summary>
    public static T WithProgress<T>(string description, long total, Func<IProgress<long>, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || total <= 0)
        {
            var reporter = new PlainProgress(description, total);
            var result = work(reporter);
            reporter.Finish();
            return result;
        }

        return AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: total);
                return work(new Progress<long>(done => task.Value = done));
            });
    }

    /// <summary>Runs asynchronous work with a progress line every tenth of <paramref name="total"/> steps, on standard error.</summary>
    public static async Task<T> WithProgressAsync<T>(string description, long total, Func<IProgress<long>, Task<T>> work)
    {
        var reporter = new PlainProgress(description, total);
        var result = await work(reporter).ConfigureAwait(false);
        reporter.Finish();
        return result;
    }

    /// <summary>Progress for logs and pipes: a line every tenth of the work.</summary>
    private sealed class PlainProgress(string description, long total) : IProgress<long>
    {
        private long _lastTenth = -1;

        public void Report(long value)
        {
            var tenth = total <= 0 ? 0 : value * 10 / total;
            if (tenth > _lastTenth)
            {
                _lastTenth = tenth;
                Console.Error.WriteLine($"{description}: {value} of {total}");
            }
        }

        public void Finish() => Console.Error.WriteLine($"{description}: done");
    }
}
