using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Ledger.Nodes;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

/// <summary>Read-only commands never write to a data folder, and damaged folders give errors, not stack traces.</summary>
public sealed class CliDataFolderTests
{
    [Fact]
    public async Task RestoredFolder_ReadOnlyCommands_CreateNoNodeKey()
    {
        using var folder = await CliFolders.MeridianAsync();
        await CliFolders.ExportAsync(folder);
        var restored = folder.Combine("restored");

        var restore = await RegistraCli.RunAsync("import", "journal", folder.Combine("export.jsonl"), "--data", restored);
        var holders = await RegistraCli.RunAsync("holders", "--data", restored);
        var export = await RegistraCli.RunAsync("export", "--data", restored);
        var proof = await RegistraCli.RunAsync("proof", "create", "--data", restored, "--sequence", "5");
        var keysList = await RegistraCli.RunAsync("keys", "list", "--data", restored);
        var verify = await RegistraCli.RunAsync("verify", "--data", restored);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("node.key", restore.Output);
        Assert.True(File.Exists(Path.Combine(restored, NodeKey.PublicKeyFileName)));
        Assert.True(holders.ExitCode == 0, holders.Error);
        Assert.Contains("18472000", holders.Output);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.True(proof.ExitCode == 0, proof.Error);
        Assert.True(keysList.ExitCode == 0, keysList.Error);
        Assert.False(File.Exists(Path.Combine(restored, NodeKey.PrivateKeyFileName)));
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.DoesNotContain("warning", verify.Error);
    }

    [Fact]
    public async Task RestoredFolder_WriteCommands_AskForNodeKey()
    {
        using var folder = await CliFolders.MeridianAsync();
        await CliFolders.ExportAsync(folder);
        var restored = folder.Combine("restored");
        await RegistraCli.RunAsync("import", "journal", folder.Combine("export.jsonl"), "--data", restored);

        var keysNode = await RegistraCli.RunAsync("keys", "node", "--data", restored);
        var importOcf = await RegistraCli.RunAsync("import", "ocf", CliFolders.MeridianHarbor, "--data", restored);

        Assert.Equal(2, keysNode.ExitCode);
        Assert.Contains("no node.key", keysNode.Error);
        Assert.Equal(2, importOcf.ExitCode);
        Assert.Contains("no node.key", importOcf.Error);
        Assert.False(File.Exists(Path.Combine(restored, NodeKey.PrivateKeyFileName)));
    }

    [Fact]
    public async Task WriteCommands_WhileLeaseHeld_ChangeNothing()
    {
        using var folder = new TempFolder();
        using var lease = new FileWriterLease(folder.Combine(FileWriterLease.FileName));
        Assert.True(lease.TryAcquire());

        var demo = await RegistraCli.RunAsync("demo", "--data", folder.Path, "--investors", "10", "--transfers", "10");
        var importOcf = await RegistraCli.RunAsync("import", "ocf", CliFolders.MeridianHarbor, "--data", folder.Path);

        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("writer lease", demo.Error);
        Assert.Equal(2, importOcf.ExitCode);
        Assert.Contains("writer lease", importOcf.Error);
        Assert.False(File.Exists(folder.Combine(LedgerEngine.JournalFileName)));
    }

    [Fact]
    public async Task WriteCommands_AfterLeaseReleased_Succeed()
    {
        using var folder = new TempFolder();
        using (var lease = new FileWriterLease(folder.Combine(FileWriterLease.FileName)))
        {
            Assert.True(lease.TryAcquire());
        }

        var demo = await RegistraCli.RunAsync("demo", "--data", folder.Path, "--investors", "10", "--transfers", "10");

        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.True(File.Exists(folder.Combine(LedgerEngine.JournalFileName)));
    }

    [Fact]
    public async Task EmptyJournalFile_IsRejectedAndLeftEmpty()
    {
        using var folder = new TempFolder();
        var journal = folder.Combine(LedgerEngine.JournalFileName);
        File.WriteAllBytes(journal, []);

        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Path);
        var holders = await RegistraCli.RunAsync("holders", "--data", folder.Path);
        var export = await RegistraCli.RunAsync("export", "--data", folder.Path);

        Assert.Equal(2, verify.ExitCode);
        Assert.Contains("empty file", verify.Error);
        Assert.Equal(2, holders.ExitCode);
        Assert.Equal(2, export.ExitCode);
        Assert.Equal(0, new FileInfo(journal).Length);
        Assert.False(File.Exists(folder.Combine(NodeKey.PrivateKeyFileName)));
    }

    [Fact]
    public async Task Verify_JournalWithoutBlocks_HasNothingToVerify()
    {
        using var folder = new TempFolder();
        await RegistraCli.RunAsync("keys", "create", "--role", "operator", "--data", folder.Path);

        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Path);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("nothing to verify", verify.Output);
        Assert.DoesNotContain("OK", verify.Output);
    }

    [Fact]
    public async Task Verify_KeyOnlyInJournal_Warns()
    {
        using var folder = await CliFolders.MeridianAsync();
        File.Delete(Path.Combine(folder.Combine("data"), NodeKey.PublicKeyFileName));

        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Combine("data"));

        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("warning: verifying with the public key named inside the journal", verify.Error);
    }

    public static TheoryData<string> Damages => ["truncated", "random", "header", "events", "flipped"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task DamagedJournal_ReadOnlyCommands_ExitTwoWithoutTrace(string damage)
    {
        using var folder = await CliFolders.DemoAsync();
        var journal = CliFolders.JournalPath(folder);
        Damage(journal, damage);
        var proofFile = folder.Combine("proof.json");

        var holders = await RegistraCli.RunAsync("holders", "--data", folder.Combine("data"));
        var export = await RegistraCli.RunAsync("export", "--data", folder.Combine("data"), "-o", folder.Combine("out.jsonl"));
        var proof = await RegistraCli.RunAsync("proof", "create", "--data", folder.Combine("data"), "--sequence", "190", "-o", proofFile);

        // A flipped byte inside an event still decodes, so only the proof's own check can catch it.
        if (damage != "flipped")
        {
            AssertCleanError(holders);
            AssertCleanError(export);
            Assert.False(File.Exists(folder.Combine("out.jsonl")));
        }

        AssertCleanError(proof);
        Assert.False(File.Exists(proofFile));
    }

    [Fact]
    public async Task BadNodeKey_ExitsTwoWithoutTrace()
    {
        using var folder = new TempFolder();
        var keyPath = folder.Combine(NodeKey.PrivateKeyFileName);
        File.WriteAllBytes(keyPath, new byte[10]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var keysNode = await RegistraCli.RunAsync("keys", "node", "--data", folder.Path);
        var demo = await RegistraCli.RunAsync("demo", "--data", folder.Path, "--investors", "3", "--transfers", "1");

        AssertCleanError(keysNode);
        Assert.Contains("10 bytes long", keysNode.Error);
        AssertCleanError(demo);
    }

    [Theory]
    [InlineData("import ocf EXAMPLE")]
    [InlineData("import journal FILE")]
    [InlineData("keys node")]
    [InlineData("keys create --role operator")]
    [InlineData("keys list")]
    [InlineData("demo")]
    [InlineData("holders")]
    public async Task DataOptionOnFile_IsRejected(string commandLine)
    {
        using var folder = new TempFolder();
        var file = folder.Combine("a-file");
        File.WriteAllText(file, "not a folder");
        var args = commandLine.Split(' ').Select(arg => arg switch { "EXAMPLE" => CliFolders.MeridianHarbor, "FILE" => file, _ => arg }).ToList();

        var result = await RegistraCli.RunAsync([.. args, "--data", file]);

        AssertCleanError(result);
        Assert.Contains("is a file", result.Error);
    }

    [Fact]
    public async Task OutputPath_MissingFolderOrFolder_IsRejected()
    {
        using var folder = await CliFolders.DemoAsync();
        var data = folder.Combine("data");

        var exportMissing = await RegistraCli.RunAsync("export", "--data", data, "-o", folder.Combine("missing/out.jsonl"));
        var exportFolder = await RegistraCli.RunAsync("export", "--data", data, "-o", folder.Path);
        var proofFolder = await RegistraCli.RunAsync("proof", "create", "--data", data, "--sequence", "1", "-o", folder.Path);
        var verifyFolder = await RegistraCli.RunAsync("proof", "verify", folder.Path, "--public-key", new string('a', 64));
        var exportAsFolder = await RegistraCli.RunAsync("verify", "--export", folder.Path);

        AssertCleanError(exportMissing);
        Assert.Contains("does not exist", exportMissing.Error);
        AssertCleanError(exportFolder);
        Assert.Contains("is a folder", exportFolder.Error);
        AssertCleanError(proofFolder);
        AssertCleanError(verifyFolder);
        Assert.Contains("is a folder", verifyFolder.Error);
        AssertCleanError(exportAsFolder);
        Assert.Contains("is a folder", exportAsFolder.Error);
    }

    [Fact]
    public async Task KeysRevoke_MissingFolder_IsNotCreated()
    {
        using var folder = new TempFolder();
        var missing = folder.Combine("missing");

        var revoke = await RegistraCli.RunAsync("keys", "revoke", "abc", "--data", missing);

        Assert.Equal(2, revoke.ExitCode);
        Assert.False(Directory.Exists(missing));
    }

    internal static void AssertCleanError((int ExitCode, string Output, string Error) result)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Output}{result.Error}");
        Assert.Contains("error: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    private static void Damage(string journal, string damage)
    {
        switch (damage)
        {
            case "truncated":
                var bytes = File.ReadAllBytes(journal);
                File.WriteAllBytes(journal, bytes[..(bytes.Length / 2)]);
                break;
            case "random":
                File.WriteAllBytes(journal, Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7919 % 251)).ToArray());
                break;
            case "header":
                CliFolders.ReplaceBlockColumn(journal, 3, "header", header => [(byte)(header[0] ^ 0xff), .. header[1..]]);
                break;
            case "events":
                CliFolders.ReplaceBlockColumn(journal, 3, "events", events =>
                {
                    for (var i = 10; i < events.Length - 5; i += 7)
                    {
                        events[i] ^= 0x5a;
                    }

                    return events;
                });
                break;
            case "flipped":
                CliFolders.ReplaceBlockColumn(journal, 3, "events", events =>
                {
                    events[40] ^= 1;
                    return events;
                });
                break;
        }
    }
}
