using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

/// <summary>Argument errors exit with 2 and explain what to fix.</summary>
public sealed class CliArgumentTests
{
    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("holders")]
    [InlineData("demo --data DIR --investors x")]
    [InlineData("keys")]
    public async Task ParseError_ExitsTwoWithHint(string commandLine)
    {
        using var folder = new TempFolder();
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var result = await RegistraCli.RunAsync([.. args.Select(arg => arg == "DIR" ? folder.Combine("data") : arg)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: ", result.Error);
        Assert.Contains("--help", result.Error);
        Assert.DoesNotContain("System.Int32", result.Error);
    }

    [Fact]
    public async Task UnknownCommand_NamesOnlyTheUnknownWord()
    {
        var result = await RegistraCli.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Unrecognized command or argument 'frobnicate'.", result.Error);
        Assert.DoesNotContain("Required command was not provided", result.Error);
    }

    [Theory]
    [InlineData("1", "100", "--investors is 1")]
    [InlineData("2000000", "100", "--investors is 2000000; give a number from 2 to 1,000,000")]
    [InlineData("10", "-1", "--transfers is -1")]
    public async Task Demo_BadSize_NamesTheValue(string investors, string transfers, string message)
    {
        using var folder = new TempFolder();

        var result = await RegistraCli.RunAsync("demo", "--data", folder.Path, "--investors", investors, "--transfers", transfers);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Theory]
    [InlineData("--audit-log-max-bytes", "-1")]
    [InlineData("--audit-log-files", "-3")]
    public async Task Serve_NegativeAuditLogLimit_ExitsTwo(string option, string value)
    {
        using var folder = new TempFolder();

        var result = await RegistraCli.RunAsync("serve", "--data", folder.Combine("data"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option} must be 0 or more, not {value}.", result.Error);
        Assert.False(Directory.Exists(folder.Combine("data")));
    }

    [Fact]
    public async Task Serve_UnknownMetricsRole_ExitsTwo()
    {
        using var folder = new TempFolder();

        var result = await RegistraCli.RunAsync("serve", "--data", folder.Combine("data"), "--metrics-roles", "auditor,admin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--metrics-roles: 'admin' is not a role", result.Error);
        Assert.False(Directory.Exists(folder.Combine("data")));
    }

    [Fact]
    public async Task Serve_UnknownTraceExporter_ExitsTwo()
    {
        using var folder = new TempFolder();

        var result = await RegistraCli.RunAsync("serve", "--data", folder.Combine("data"), "--urls", "http://127.0.0.1:0", "--trace-exporter", "zipkin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Unknown trace exporter 'zipkin'; use none, console or otlp.", result.Error);
        Assert.DoesNotContain("Unhandled exception", result.Error);
    }

    [Fact]
    public async Task Demo_PrintsProgressAndTakesSeed()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        var firstRun = await RegistraCli.RunAsync("demo", "--data", first.Path, "--investors", "10", "--transfers", "100", "--batch", "10", "--seed", "7", "--print-acks");
        var secondRun = await RegistraCli.RunAsync("demo", "--data", second.Path, "--investors", "10", "--transfers", "100", "--batch", "10", "--seed", "7");
        var holdersOne = await RegistraCli.RunAsync("holders", "--data", first.Path);
        var holdersTwo = await RegistraCli.RunAsync("holders", "--data", second.Path);

        Assert.True(firstRun.ExitCode == 0, firstRun.Error);
        Assert.Contains("Transfers: 50 of 100", firstRun.Error);
        Assert.Contains("ack 99 ", firstRun.Output);
        Assert.True(secondRun.ExitCode == 0, secondRun.Error);
        Assert.Equal(holdersOne.Output, holdersTwo.Output);
    }

    [Theory]
    [InlineData("issuer-agent", "acme", null, "Role issuer-agent needs --permissions")]
    [InlineData("issuer-agent", "acme", "", "Role issuer-agent needs --permissions")]
    [InlineData("operator", "acme", null, "takes no --scope")]
    [InlineData("auditor", null, "supply", "--permissions applies to issuer-agent keys only")]
    public async Task KeysCreate_ScopeAndPermissions_AreChecked(string role, string? scope, string? permissions, string message)
    {
        using var folder = new TempFolder();
        var args = new List<string> { "keys", "create", "--role", role, "--data", folder.Path };
        if (scope is not null)
        {
            args.AddRange(["--scope", scope]);
        }

        if (permissions is not null)
        {
            args.AddRange(["--permissions", permissions]);
        }

        var result = await RegistraCli.RunAsync([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("A issuer", result.Error);
    }

    [Fact]
    public async Task Keys_ListRevokeAndWarn()
    {
        using var folder = await CliFolders.MeridianAsync();
        var data = folder.Combine("data");

        var auditor = await RegistraCli.RunAsync("keys", "create", "--role", "auditor", "--scope", "nobody", "--data", data);
        var agent = await RegistraCli.RunAsync("keys", "create", "--role", "issuer-agent", "--scope", "issuer-meridian-harbor",
            "--permissions", "supply,freeze", "--name", "desk", "--data", data);
        var agentId = agent.Output.Trim().Split('_')[1];
        var revoke = await RegistraCli.RunAsync("keys", "revoke", agentId, "--data", data);
        var revokeAgain = await RegistraCli.RunAsync("keys", "revoke", agentId, "--data", data);
        var list = await RegistraCli.RunAsync("keys", "list", "--data", data);

        Assert.Equal(0, auditor.ExitCode);
        Assert.Contains("warning: no issuer has id 'nobody'", auditor.Error);
        Assert.Equal(0, agent.ExitCode);
        Assert.DoesNotContain("warning", agent.Error);
        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(1, revokeAgain.ExitCode);
        Assert.Contains("already revoked", revokeAgain.Error);
        Assert.Equal(0, list.ExitCode);
        var agentLine = list.Output.Split('\n').Single(line => line.StartsWith(agentId, StringComparison.Ordinal));
        Assert.Contains("issuer-agent", agentLine);
        Assert.Contains("supply,freeze", agentLine);
        Assert.Matches(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+\d{4}-", agentLine);
        Assert.DoesNotContain(agent.Output.Trim().Split('_', 3)[2], list.Output);
        Assert.Contains("nobody", list.Output);
    }
}
