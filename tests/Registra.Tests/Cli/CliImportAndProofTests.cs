using Registra.Ledger;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

/// <summary>Import summaries, point-in-time reads and proof messages.</summary>
public sealed class CliImportAndProofTests
{
    [Fact]
    public async Task ImportOcf_NegativeQuantity_ExitsOne()
    {
        using var folder = new TempFolder();
        var package = folder.Combine("package");
        CopyFolder(CliFolders.MeridianHarbor, package);
        var transactions = Path.Combine(package, "Transactions.ocf.json");
        var text = File.ReadAllText(transactions);
        var first = text.IndexOf("\"quantity\": \"125000\"", StringComparison.Ordinal);
        File.WriteAllText(transactions, text[..first] + "\"quantity\": \"-5\"" + text[(first + "\"quantity\": \"125000\"".Length)..]);

        var import = await RegistraCli.RunAsync("import", "ocf", package, "--data", folder.Combine("data"));

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("78 of 79 transactions (1 skipped)", import.Output);
        Assert.Contains("error: Transactions.ocf.json", import.Output);
        Assert.Contains("'-5' must be positive", import.Output);
    }

    [Fact]
    public async Task ImportOcf_OnlyUnmappedKinds_ExitsZero()
    {
        using var folder = new TempFolder();

        var import = await RegistraCli.RunAsync("import", "ocf", CliFolders.MeridianHarbor, "--data", folder.Path);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("note: StockLegends.ocf.json", import.Output);
    }

    [Fact]
    public async Task Holders_AtBeforeImport_ListsNoSecurity()
    {
        using var folder = await CliFolders.MeridianAsync();

        var before = await RegistraCli.RunAsync("holders", "--data", folder.Combine("data"), "--at", "2020-01-01T00:00:00Z");
        var now = await RegistraCli.RunAsync("holders", "--data", folder.Combine("data"), "--at", DateTimeOffset.UtcNow.ToString("O"));

        Assert.Equal(1, before.ExitCode);
        Assert.Contains("Ledger time is the time of import", before.Error);
        Assert.DoesNotContain("supply 0", before.Output);
        Assert.Equal(0, now.ExitCode);
        Assert.Contains("18472000", now.Output);
    }

    [Fact]
    public async Task ProofVerify_EditedSequence_NamesLeafIndex()
    {
        using var folder = await CliFolders.DemoAsync();
        var data = folder.Combine("data");
        var publicKey = File.ReadAllText(Path.Combine(data, NodeKey.PublicKeyFileName)).Trim();
        var proofFile = folder.Combine("proof.json");
        await RegistraCli.RunAsync("proof", "create", "--data", data, "--sequence", "200", "-o", proofFile);
        File.WriteAllText(proofFile, File.ReadAllText(proofFile).Replace("\"sequence\": 200", "\"sequence\": 205"));

        var verify = await RegistraCli.RunAsync("proof", "verify", proofFile, "--public-key", publicKey);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("leafIndex 14 is the event with sequence 200, but the proof's sequence is 205", verify.Output);
        Assert.DoesNotContain("SequenceOutOfRange", verify.Output);
    }

    [Theory]
    [InlineData("{\"sequence\": 1,", "is not valid JSON")]
    [InlineData("{\"sequence\": 1}", "lacks the fields eventBytes")]
    [InlineData("[1]", "not an object")]
    public async Task ProofVerify_BadFile_ExplainsWithoutTypeNames(string json, string message)
    {
        using var folder = new TempFolder();
        var proofFile = folder.Combine("proof.json");
        File.WriteAllText(proofFile, json);

        var verify = await RegistraCli.RunAsync("proof", "verify", proofFile, "--public-key", new string('a', 64));

        Assert.Equal(2, verify.ExitCode);
        Assert.Contains(message, verify.Error);
        Assert.DoesNotContain("Registra.", verify.Error);
    }

    [Fact]
    public async Task ProofCreate_BeyondEnd_NamesLastSequence()
    {
        using var folder = await CliFolders.MeridianAsync();

        var create = await RegistraCli.RunAsync("proof", "create", "--data", folder.Combine("data"), "--sequence", "226");

        Assert.Equal(2, create.ExitCode);
        Assert.Contains("from 1 to 225", create.Error);
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}
