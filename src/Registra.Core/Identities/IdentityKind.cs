namespace Registra.Identities;

public enum IdentityKind
{
    Individual,
    Entity,
}
