using System.Globalization;
using System.Text;

namespace Registra.Reasons;

/// <summary>Renders the reason-code catalogue as a Markdown table, the source of docs/reason-codes.md.</summary>
public static class ReasonCatalogue
{
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| code | HTTP | ERC-1066 | ERC-1404 | message |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var code in Reasons.All)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| `{code.Name}` | {code.HttpStatus} | 0x{code.Erc1066:X2} | {code.Erc1404} | {code.Message} |");
            text.AppendLine();
        }

        return text.ToString();
    }
}
