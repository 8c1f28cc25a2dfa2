using Registra.Access;

namespace Registra.Commands;

/// <summary>A request to change the register, sent by an actor and judged by the state machine.</summary>
public abstract record RegisterCommand
{
    public Actor Actor { get; init; } = Actor.Operator;
}
