using System.Text.Json.Nodes;
using Registra.Cli.Import.Ocf;

namespace Registra.Tests.Import;

/// <summary>Broken exports: each must give an error or report entry that names the file and the problem.</summary>
public sealed class OcfMalformedInputTests : IDisposable
{
    private readonly string _folder = OcfTestData.CopyMeridianHarbor();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string file) => Path.Combine(_folder, file);

    /// <summary>Rewrites one transaction of the copy, found by id.</summary>
    private void EditTransaction(string id, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(PathOf("Transactions.ocf.json")))!.AsObject();
        var item = root["items"]!.AsArray().Single(node => (string?)node!["id"] == id)!.AsObject();
        edit(item);
        File.WriteAllText(PathOf("Transactions.ocf.json"), root.ToJsonString());
    }

    [Fact]
    public void MissingFolder_NamesFolder()
    {
        var missing = Path.Combine(_folder, "no-such-export");

        var error = Assert.Throws<OcfImportException>(() => OcfImporter.Plan(missing));

        Assert.Equal(missing, error.File);
        Assert.Contains($"'{missing}' not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingManifest_NamesManifest()
    {
        File.Delete(PathOf("Manifest.ocf.json"));

        var error = Assert.Throws<OcfImportException>(() => OcfImporter.Plan(_folder));

        Assert.Equal(PathOf("Manifest.ocf.json"), error.File);
        Assert.StartsWith("Manifest.ocf.json not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenJson_NamesFileAndLine()
    {
        File.WriteAllText(PathOf("Transactions.ocf.json"), "{\n  \"file_type\": \"OCF_TRANSACTIONS_FILE\",\n  \"items\": [ {\"id\": }\n");

        var error = Assert.Throws<OcfImportException>(() => OcfImporter.Plan(_folder));

        Assert.Equal(PathOf("Transactions.ocf.json"), error.File);
        Assert.StartsWith("Transactions.ocf.json is not valid JSON (line 3", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public void ListedFileMissing_NamesFile()
    {
        File.Delete(PathOf("StockLegends.ocf.json"));

        var error = Assert.Throws<OcfImportException>(() => OcfImporter.Plan(_folder));

        Assert.Equal(PathOf("StockLegends.ocf.json"), error.File);
        Assert.Contains("lists './StockLegends.ocf.json', but that file is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListedFileOutsideFolder_IsRejected()
    {
        var manifest = File.ReadAllText(PathOf("Manifest.ocf.json")).Replace("./StockLegends.ocf.json", "../StockLegends.ocf.json", StringComparison.Ordinal);
        File.WriteAllText(PathOf("Manifest.ocf.json"), manifest);

        var error = Assert.Throws<OcfImportException>(() => OcfImporter.Plan(_folder));

        Assert.Contains("'../StockLegends.ocf.json', which is outside the export folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongFileType_NamesBothTypes()
    {
        var manifest = File.ReadAllText(PathOf("Manifest.ocf.json")).Replace("./StockLegends.ocf.json", "./StockClasses.ocf.json", StringComparison.Ordinal);
        File.WriteAllText(PathOf("Manifest.ocf.json"), manifest);

        var error = Assert.Throws<OcfImportException>(() => OcfImporter.Plan(_folder));

        Assert.Equal(PathOf("StockClasses.ocf.json"), error.File);
        Assert.Contains("file_type 'OCF_STOCK_CLASSES_FILE', but OCF_STOCK_LEGEND_TEMPLATES_FILE was expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestNotObject_NamesManifest()
    {
        File.WriteAllText(PathOf("Manifest.ocf.json"), "[]");

        var error = Assert.Throws<OcfImportException>(() => OcfImporter.Plan(_folder));

        Assert.StartsWith("Manifest.ocf.json must contain a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestWithoutIssuer_NamesField()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(PathOf("Manifest.ocf.json")))!.AsObject();
        manifest.Remove("issuer");
        File.WriteAllText(PathOf("Manifest.ocf.json"), manifest.ToJsonString());

        var error = Assert.Throws<OcfImportException>(() => OcfImporter.Plan(_folder));

        Assert.Contains("required field 'issuer' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeQuantity_IsReportedAndRestImported()
    {
        // tx-0004 issues sec-0003, 4000000 common shares to sh-0001.
        EditTransaction("tx-0004", item => item["quantity"] = "-4000000");

        var plan = OcfImporter.Plan(_folder);

        var issue = Assert.Single(plan.Report.Issues, issue => issue.ObjectId == "tx-0004");
        Assert.Equal("Transactions.ocf.json", issue.File);
        Assert.Equal("not imported: quantity '-4000000' must be positive.", issue.Reason);
        Assert.Contains(plan.Report.Issues, issue => issue.File == "Transactions.ocf.json" && issue.Reason.StartsWith("MD5 checksum", StringComparison.Ordinal));
        Assert.Contains(plan.Steps, step => step.ObjectId == "tx-0195");
    }

    [Fact]
    public void QuantityOfWrongType_IsReported()
    {
        EditTransaction("tx-0004", item => item["quantity"] = 4000000);

        var plan = OcfImporter.Plan(_folder);

        var issue = Assert.Single(plan.Report.Issues, issue => issue.ObjectId == "tx-0004");
        Assert.Equal("not imported: field 'quantity' must be a string, found the number 4000000.", issue.Reason);
    }

    [Fact]
    public void QuantityNotDecimal_IsReported()
    {
        EditTransaction("tx-0004", item => item["quantity"] = "4e6");

        var plan = OcfImporter.Plan(_folder);

        var issue = Assert.Single(plan.Report.Issues, issue => issue.ObjectId == "tx-0004");
        Assert.StartsWith("not imported: quantity '4e6' is invalid", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidDate_IsReported()
    {
        EditTransaction("tx-0004", item => item["date"] = "15/01/2021");

        var plan = OcfImporter.Plan(_folder);

        var issue = Assert.Single(plan.Report.Issues, issue => issue.ObjectId == "tx-0004");
        Assert.Contains("'15/01/2021', which is not a date", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TransferOfTooManyShares_IsReported()
    {
        // tx-0162 moves 55000 of the 110000 shares of sec-0083.
        EditTransaction("tx-0162", item => item["quantity"] = "120000");

        var plan = OcfImporter.Plan(_folder);

        var issue = Assert.Single(plan.Report.Issues, issue => issue.ObjectId == "tx-0162");
        Assert.Equal("not imported: quantity 120000 is more than the 110000 shares left on security 'sec-0083'.", issue.Reason);
        Assert.Contains(plan.Report.Issues, issue => issue.Reason.Contains("outcome of transaction 'tx-0162'", StringComparison.Ordinal));
    }
}
