using Registra.Tests.Support;

namespace Registra.Tests.Cli;

/// <summary><c>registra waterfall</c> on the imported Meridian Harbor register.</summary>
public sealed class CliWaterfallTests
{
    private const string Issuer = "issuer-meridian-harbor";

    [Fact]
    public async Task Waterfall_MeridianExit_PrintsClassPayouts()
    {
        using var folder = await CliFolders.MeridianAsync();

        var run = await RegistraCli.RunAsync("waterfall", "--data", folder.Combine("data"), "--issuer", Issuer, "--exit", "20000000", "--holders");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("12258027.36", run.Output);
        Assert.Contains("5761972.64", run.Output);
        Assert.Contains("1980000", run.Output);
        Assert.Contains("sh-0001", run.Output);
    }

    [Theory]
    [InlineData("--exit", "-5", 2, "--exit '-5'")]
    [InlineData("--currency", "ZZZ", 2, "--currency 'ZZZ'")]
    [InlineData("--currency", "EUR", 1, "not in EUR")]
    [InlineData("--issuer", "nobody", 1, "No issuer has id 'nobody'")]
    public async Task Waterfall_BadOption_ExplainsAndFails(string option, string value, int exitCode, string message)
    {
        using var folder = await CliFolders.MeridianAsync();
        var arguments = new Dictionary<string, string> { ["--issuer"] = Issuer, ["--exit"] = "1000", [option] = value };

        var run = await RegistraCli.RunAsync(["waterfall", "--data", folder.Combine("data"), .. arguments.SelectMany(entry => new[] { entry.Key, entry.Value })]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Output + run.Error);
    }
}
