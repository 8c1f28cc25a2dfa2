using System.CommandLine;
using Registra.Access;
using Registra.Ledger;
using Registra.Ledger.Access;
using Registra.Ledger.Engine;

namespace Registra.Cli.Commands;

/// <summary><c>registra keys</c>: API keys and the node's public key.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data();
        var role = new Option<string>("--role")
        {
            Description = "Role of the key: operator, issuer-agent, claim-issuer, investor or auditor.",
            Required = true,
        };
        var scope = new Option<string?>("--scope")
        {
            Description = "Issuer id for an issuer agent, claim issuer id for a claim issuer, identity id for an investor.",
        };
        var permissions = new Option<string?>("--permissions")
        {
            Description = "Comma-separated permissions of an issuer agent: supply, transfer, freeze, compliance, actions, documents, or all.",
        };
        var name = new Option<string?>("--name") { Description = "A label to recognise the key by." };
        var create = new Command("create", "Create an API key and print it once; only its hash is stored.") { data, role, scope, permissions, name };
        create.SetAction(parse => RunCreate(parse.GetValue(data)!, parse.GetValue(role)!, parse.GetValue(scope), parse.GetValue(permissions), parse.GetValue(name)));

        var revokeData = CliOptions.ExistingData();
        var id = new Argument<string>("id") { Description = "Key id: the part between 'rk_' and the next '_'." };
        var revoke = new Command("revoke", "Revoke an API key.") { revokeData, id };
        revoke.SetAction(parse => RunRevoke(parse.GetValue(revokeData)!, parse.GetValue(id)!));

        var nodeData = CliOptions.Data();
        var node = new Command("node", "Print the node's Ed25519 public key (hex) that verifies every block; creates the key when missing.") { nodeData };
        node.SetAction(parse =>
        {
            using var key = NodeKey.LoadOrCreate(parse.GetValue(nodeData)!.FullName);
            Console.WriteLine(Convert.ToHexStringLower(key.PublicKey));
            return ExitCodes.Success;
        });

        return new Command("keys", "API keys and the node key.") { create, revoke, node };
    }

    private static int RunCreate(DirectoryInfo data, string roleText, string? scope, string? permissionsText, string? name)
    {
        if (ParseRole(roleText) is not { } role)
        {
            return Output.Error($"Unknown role '{roleText}'; use operator, issuer-agent, claim-issuer, investor or auditor.");
        }

        if (role is (ActorRole.IssuerAgent or ActorRole.ClaimIssuer or ActorRole.Investor) && string.IsNullOrWhiteSpace(scope))
        {
            return Output.Error($"A {roleText} key needs --scope (the issuer, claim issuer or identity id it acts for).");
        }

        var permissions = Permissions.None;
        if (permissionsText is not null && !TryParsePermissions(permissionsText, out permissions))
        {
            return Output.Error($"Unknown permissions '{permissionsText}'; use a comma-separated list of supply, transfer, freeze, compliance, actions, documents, or all.");
        }

        if (role != ActorRole.IssuerAgent && permissions != Permissions.None)
        {
            return Output.Error("--permissions applies to issuer-agent keys only.");
        }

        using var key = NodeKey.LoadOrCreate(data.FullName);
        using var store = SqliteJournalStore.Open(Path.Combine(data.FullName, LedgerEngine.JournalFileName));
        var (record, secret) = new ApiKeyRegistry(store, TimeProvider.System).Create(name ?? roleText, role, scope, permissions);
        Console.WriteLine(secret);
        Console.Error.WriteLine($"Created key {record.Id} for role {roleText}. It is shown only now; store it safely.");
        return ExitCodes.Success;
    }

    private static int RunRevoke(DirectoryInfo data, string id)
    {
        using var store = SqliteJournalStore.Open(Path.Combine(data.FullName, LedgerEngine.JournalFileName));
        if (!new ApiKeyRegistry(store, TimeProvider.System).Revoke(id))
        {
            return Output.Error($"No API key has id '{id}'.");
        }

        Output.Info($"Revoked key {id}.");
        return ExitCodes.Success;
    }

    internal static ActorRole? ParseRole(string text) => text.ToLowerInvariant() switch
    {
        "operator" => ActorRole.Operator,
        "issuer-agent" or "agent" => ActorRole.IssuerAgent,
        "claim-issuer" => ActorRole.ClaimIssuer,
        "investor" => ActorRole.Investor,
        "auditor" => ActorRole.Auditor,
        _ => null,
    };

    internal static bool TryParsePermissions(string text, out Permissions permissions)
    {
        permissions = Permissions.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<Permissions>(part, ignoreCase: true, out var permission) || !Enum.IsDefined(permission))
            {
                return false;
            }

            permissions |= permission;
        }

        return true;
    }
}
