using Registra.Cli.Import.Ocf;
using Registra.Commands;
using Registra.Register;

namespace Registra.Tests.Import;

/// <summary>
/// The format's own showcase export, where many references point nowhere on purpose.
/// </summary>
public sealed class OcfSampleTests
{
    private static readonly DateTimeOffset ImportTime = new(2025, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private static ImportIssue IssueFor(ImportPlan plan, string objectId) =>
        Assert.Single(plan.Report.Issues, issue => issue.ObjectId == objectId);

    [Fact]
    public void Samples_ReportDanglingStakeholderAndClass()
    {
        var plan = OcfImporter.Plan(OcfTestData.Samples);

        var issue = IssueFor(plan, "test-stock-issuance-minimal");

        Assert.Equal("Transactions.ocf.json", issue.File);
        Assert.Contains("stakeholder 'stakeholder-id' is not defined in any stakeholders file", issue.Reason, StringComparison.Ordinal);
        Assert.Contains("stock class 'stock-class-id' is not defined in any stock classes file", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_ReportTransferOfUnimportedSecurity()
    {
        var plan = OcfImporter.Plan(OcfTestData.Samples);

        var issue = IssueFor(plan, "test-stock-transfer-full-fields");

        Assert.Contains("security 'test-security-id' was not imported", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_ReportConsolidationOfUnknownSecurity()
    {
        var plan = OcfImporter.Plan(OcfTestData.Samples);

        var issue = IssueFor(plan, "test-stock-consolidation");

        Assert.Contains("security 'consolidating-security-id-1' is not issued by any stock issuance", issue.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("test-plan-security-id-vesting-start", "vesting")]
    [InlineData("test-warrant-issuance-minimal", "warrants")]
    [InlineData("test-safe-issuance-all-fields", "convertibles")]
    [InlineData("test-plan-security-exercise-minimal", "options or plan securities")]
    [InlineData("change-event-stakeholder-status-sample", "stakeholder change event")]
    [InlineData("decrease-authorized-series-a-preferred-after-financing", "authorized shares")]
    [InlineData("test-stock-acceptance-minimal", "acceptance")]
    [InlineData("4yr-1yr-cliff-schedule", "no register equivalent")]
    public void Samples_ReportUnsupportedObjects(string objectId, string reason)
    {
        var plan = OcfImporter.Plan(OcfTestData.Samples);

        var issue = IssueFor(plan, objectId);

        Assert.Contains(reason, issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_ReportChecksumMismatch()
    {
        var plan = OcfImporter.Plan(OcfTestData.Samples);

        var issue = Assert.Single(plan.Report.Issues, issue => issue.File == "Stakeholders.ocf.json" && issue.ObjectId is null);

        Assert.Contains("MD5 checksum", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_EveryTransactionImportedOrReported()
    {
        var plan = OcfImporter.Plan(OcfTestData.Samples);

        var handled = plan.Steps.Where(step => step.File == "Transactions.ocf.json").Select(step => step.ObjectId)
            .Concat(plan.Report.Issues.Where(issue => issue.File == "Transactions.ocf.json").Select(issue => issue.ObjectId))
            .ToHashSet();

        using var transactions = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(OcfTestData.Samples, "Transactions.ocf.json")));
        var ids = transactions.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, plan.TransactionCount);
        Assert.Equal([], ids.Where(id => !handled.Contains(id!)).ToList());
    }

    [Fact]
    public void Samples_ApplyWithoutRejections()
    {
        var plan = OcfImporter.Plan(OcfTestData.Samples);
        var register = new global::Registra.Register.Register();

        var result = OcfImporter.Apply(plan, register, () => ImportTime);

        Assert.DoesNotContain(result.Issues, issue => issue.Command is not null);
        Assert.Equal(4, register.State.Identities.Count);
        Assert.Equal(2, register.State.Securities.Count);
        Assert.Single(plan.Commands.OfType<SplitSecurity>());
        Assert.Empty(plan.Commands.OfType<Issue>());
        Assert.Empty(Invariants.Check(register.State));
    }
}
