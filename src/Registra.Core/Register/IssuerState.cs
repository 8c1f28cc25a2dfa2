namespace Registra.Register;

public sealed record IssuerState(string Id, string Name, string? Lei);
