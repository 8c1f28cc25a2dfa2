using Registra.Reasons;

namespace Registra.Tests.Catalogue;

public sealed class ReasonCatalogueTests
{
    [Fact]
    public void Catalogue_NamesAreUnique()
    {
        var names = Registra.Reasons.Reasons.All.Select(code => code.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Catalogue_Erc1404CodesAreUniqueAndNonZero()
    {
        var codes = Registra.Reasons.Reasons.All.Select(code => code.Erc1404).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.DoesNotContain((byte)0, codes);
    }

    [Fact]
    public void Catalogue_EveryCodeIsFoundByName()
    {
        foreach (var code in Registra.Reasons.Reasons.All)
        {
            Assert.Same(code, Registra.Reasons.Reasons.Find(code.Name));
        }
    }

    [Fact]
    public void Documentation_MatchesCatalogue()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "reason-codes.md"));

        Assert.EndsWith(ReasonCatalogue.ToMarkdown(), page.ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registra.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Registra.sln not found above the test folder.");
    }
}
