namespace Registra.Reasons;

/// <summary>
/// A stable rejection reason. The name never changes meaning once shipped; the HTTP
/// status, the message template and the token-standard equivalents travel with it.
/// </summary>
/// <param name="Name">Stable snake_case identifier used in problem details and events.</param>
/// <param name="HttpStatus">Status the REST API answers with.</param>
/// <param name="Message">Message template; placeholders in braces are filled from the failure.</param>
/// <param name="Erc1066">Nearest ERC-1066 status byte (ERC-1400 uses the 0x5X range for transfers).</param>
/// <param name="Erc1404">Registra's ERC-1404 restriction code; ERC-1404 leaves codes other than 0 to the token.</param>
public sealed record ReasonCode(string Name, int HttpStatus, string Message, byte Erc1066, byte Erc1404)
{
    public override string ToString() => Name;
}
