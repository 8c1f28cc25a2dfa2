namespace Registra.Securities;

/// <summary>
/// A document of a security, identified by the SHA-256 of its file, so anyone holding the file
/// can check it against the register. The register keeps only these fields, never the file.
/// </summary>
/// <param name="Sha256">64 lowercase hex digits.</param>
/// <param name="AttachedAt">Ledger timestamp of the event that attached it.</param>
public sealed record SecurityDocument(string Sha256, string Name, string? Uri, string? MediaType, DateTimeOffset AttachedAt);
