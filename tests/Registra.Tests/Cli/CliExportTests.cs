using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

/// <summary>Damaged exports fail verification and import with a message that names the problem.</summary>
public sealed class CliExportTests
{
    [Fact]
    public async Task TruncatedAtBlockBoundary_FailsVerifyAndImport()
    {
        using var folder = await CliFolders.MeridianAsync();
        var lines = await CliFolders.ExportAsync(folder);
        var truncated = folder.Combine("truncated.jsonl");
        File.WriteAllLines(truncated, lines[..3]);

        var verify = await RegistraCli.RunAsync("verify", "--export", truncated);
        var import = await RegistraCli.RunAsync("import", "journal", truncated, "--data", folder.Combine("restored"));

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("has 1 block, but its header lists 2", verify.Output);
        Assert.Contains("1 block and 1 event verified before it", verify.Output);
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("header lists 2", import.Error);
        Assert.DoesNotContain("..", import.Error);
        Assert.False(Directory.Exists(folder.Combine("restored")));
    }

    [Fact]
    public async Task MissingEventLine_NamesItsBlock()
    {
        using var folder = await CliFolders.MeridianAsync();
        var lines = await CliFolders.ExportAsync(folder);
        var edited = folder.Combine("edited.jsonl");
        File.WriteAllLines(edited, lines.Where((_, index) => index != 49));

        var verify = await RegistraCli.RunAsync("verify", "--export", edited);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("FAILED at block 2: Block 2: the export has 223 event lines for it, but the block lists 224 events", verify.Output);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("UNKNOWN_TYPE")]
    public async Task BadLineInMiddle_ExitsTwoNamingLine(string replacement)
    {
        using var folder = await CliFolders.MeridianAsync();
        var lines = await CliFolders.ExportAsync(folder);
        lines[49] = replacement == "UNKNOWN_TYPE"
            ? System.Text.RegularExpressions.Regex.Replace(lines[49], "\"type\":\"[a-z_]+\"", "\"type\":\"frobnicated\"")
            : replacement;
        var edited = folder.Combine("edited.jsonl");
        File.WriteAllLines(edited, lines);

        var verify = await RegistraCli.RunAsync("verify", "--export", edited);
        var import = await RegistraCli.RunAsync("import", "journal", edited, "--data", folder.Combine("restored"));

        CliDataFolderTests.AssertCleanError(verify);
        Assert.Contains("Line 50 of", verify.Error);
        CliDataFolderTests.AssertCleanError(import);
        Assert.Contains("Line 50 of", import.Error);
    }

    [Fact]
    public async Task ImportJournal_WritesNodePubAndExplainsKey()
    {
        using var folder = await CliFolders.MeridianAsync();
        await CliFolders.ExportAsync(folder);
        var restored = folder.Combine("restored");

        var import = await RegistraCli.RunAsync("import", "journal", folder.Combine("export.jsonl"), "--data", restored);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("Imported 2 blocks and 225 events", import.Output);
        Assert.Contains("before the folder can accept new blocks", import.Output);
        Assert.Equal(
            File.ReadAllText(Path.Combine(folder.Combine("data"), "node.pub")).Trim(),
            File.ReadAllText(Path.Combine(restored, "node.pub")).Trim());
    }
}
