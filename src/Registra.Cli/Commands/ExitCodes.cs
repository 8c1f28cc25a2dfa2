namespace Registra.Cli.Commands;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and found a problem: verification failed or some input was rejected.</summary>
    public const int Failed = 1;

    /// <summary>The command could not run: bad arguments, missing files, unreadable input.</summary>
    public const int InvalidInput = 2;
}
