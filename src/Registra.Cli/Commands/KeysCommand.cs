using System.CommandLine;
using System.Globalization;
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
        var store = CliOptions.Store();
        var role = new Option<string>("--role")
        {
            Description = "Role of the key: operator, issuer-agent, claim-issuer, investor or auditor.",
            Required = true,
        };
        var scope = new Option<string?>("--scope")
        {
            Description = "Issuer id for an issuer agent (required) or an auditor (optional), claim issuer id for a claim issuer, identity id for an investor. Operator keys take none.",
        };
        var permissions = new Option<string?>("--permissions")
        {
            Description = "Comma-separated permissions of an issuer agent (required for that role): supply, transfer, freeze, compliance, actions, documents, or all.",
        };
        var name = new Option<string?>("--name") { Description = "A label to recognise the key by." };
        var create = new Command("create", "Create an API key and print it once; only its hash is stored.") { data, store, role, scope, permissions, name };
        create.SetAction(parse => RunCreate(parse.GetValue(data)!, CliOptions.Journal(parse.GetValue(data)!, parse.GetValue(store)), parse.GetValue(role)!, parse.GetValue(scope), parse.GetValue(permissions), parse.GetValue(name)));

        var revokeData = CliOptions.ExistingData();
        var revokeStore = CliOptions.Store();
        var id = new Argument<string>("id") { Description = "Key id: the part between 'rk_' and the next '_'." };
        var revoke = new Command("revoke", "Revoke an API key.") { revokeData, revokeStore, id };
        revoke.SetAction(parse => RunRevoke(parse.GetValue(revokeData)!, CliOptions.Journal(parse.GetValue(revokeData)!, parse.GetValue(revokeStore)), parse.GetValue(id)!));

        var listData = CliOptions.ExistingData();
        var listStore = CliOptions.Store();
        var list = new Command("list", "List the API keys of a data folder: id, name, role, scope, permissions, creation and revocation times. Secrets are never shown.")
        {
            listData, listStore,
        };
        list.SetAction(parse => RunList(parse.GetValue(listData)!, CliOptions.Journal(parse.GetValue(listData)!, parse.GetValue(listStore))));

        var nodeData = CliOptions.Data();
        var nodeStore = CliOptions.Store();
        var node = new Command("node", "Print the node's Ed25519 public key (hex) that verifies every block; creates the key in a new data folder.") { nodeData, nodeStore };
        node.SetAction(parse => RunNode(parse.GetValue(nodeData)!, CliOptions.Journal(parse.GetValue(nodeData)!, parse.GetValue(nodeStore))));

        return new Command("keys", "API keys and the node key.") { create, revoke, list, node };
    }

    private static int RunCreate(DirectoryInfo data, JournalLocation journal, string roleText, string? scope, string? permissionsText, string? name)
    {
        if (ParseRole(roleText) is not { } role)
        {
            return Output.Error($"Unknown role '{roleText}'; use operator, issuer-agent, claim-issuer, investor or auditor.");
        }

        if (CheckScopeAndPermissions(role, scope, permissionsText, out var permissions) is { } problem)
        {
            return Output.Error(problem);
        }

        if (scope is not null)
        {
            WarnUnknownScope(data, journal, role, scope);
        }

        using var store = journal.Open();
        var (record, secret) = new ApiKeyRegistry(store, TimeProvider.System).Create(name ?? RoleName(role), role, scope, permissions);
        Console.WriteLine(secret);
        Console.Error.WriteLine($"Created key {record.Id} for role {RoleName(role)}. It is shown only now; store it safely.");
        return ExitCodes.Success;
    }

    /// <summary>Checks which roles take --scope and --permissions; returns the problem, or null when they fit the role.</summary>
    private static string? CheckScopeAndPermissions(ActorRole role, string? scope, string? permissionsText, out Permissions permissions)
    {
        permissions = Permissions.None;
        var roleName = RoleName(role);
        if (role is ActorRole.IssuerAgent or ActorRole.ClaimIssuer or ActorRole.Investor && string.IsNullOrWhiteSpace(scope))
        {
            return $"Role {roleName} needs --scope with the {ScopeKind(role)} id the key acts for.";
        }

        if (role == ActorRole.Operator && scope is not null)
        {
            return "Role operator acts for every issuer and takes no --scope; remove --scope, or use role issuer-agent or auditor for one issuer.";
        }

        if (permissionsText is not null && !TryParsePermissions(permissionsText, out permissions))
        {
            return $"Unknown permissions '{permissionsText}'; use a comma-separated list of supply, transfer, freeze, compliance, actions, documents, or all.";
        }

        if (role != ActorRole.IssuerAgent && permissionsText is not null)
        {
            return $"--permissions applies to issuer-agent keys only; remove it for role {roleName}.";
        }

        if (role == ActorRole.IssuerAgent && permissions == Permissions.None)
        {
            return "Role issuer-agent needs --permissions with at least one of supply, transfer, freeze, compliance, actions, documents, or all.";
        }

        return null;
    }

    /// <summary>Warns when the scope names nothing in the register; the key is still created, since the scope may be registered later.</summary>
    private static void WarnUnknownScope(DirectoryInfo data, JournalLocation journal, ActorRole role, string scope)
    {
        if (!journal.Exists())
        {
            Output.Warning($"the data folder has no register yet, so {ScopeKind(role)} '{scope}' could not be checked.");
            return;
        }

        using var store = ReadOnlyJournal.Open(data, journal);
        if (store.ReadHead() is null)
        {
            Output.Warning($"the register is empty, so {ScopeKind(role)} '{scope}' could not be checked.");
            return;
        }

        var state = ReadOnlyJournal.Replay(store).Register.State;
        var known = role switch
        {
            ActorRole.ClaimIssuer => state.ClaimIssuers.ContainsKey(scope),
            ActorRole.Investor => state.Identities.ContainsKey(scope),
            _ => state.Issuers.ContainsKey(scope),
        };
        if (!known)
        {
            Output.Warning($"no {ScopeKind(role)} has id '{scope}' in the register; the key is created, but it acts for nothing until one does.");
        }
    }

    private static int RunRevoke(DirectoryInfo data, JournalLocation journal, string id)
    {
        if (!journal.Exists())
        {
            return Output.Error($"No journal in {journal.Description}, so it has no API keys; check --data and --store.");
        }

        using var store = journal.Open();
        var registry = new ApiKeyRegistry(store, TimeProvider.System);
        if (registry.Find(id) is not { } record)
        {
            return Output.Error($"No API key has id '{id}'; list the keys with 'registra keys list --data {data.FullName}'.");
        }

        if (record.RevokedAt is { } revokedAt)
        {
            return Output.Error($"Key {id} was already revoked at {revokedAt:O}.", ExitCodes.Failed);
        }

        registry.Revoke(id);
        Output.Info($"Revoked key {id}.");
        return ExitCodes.Success;
    }

    private static int RunList(DirectoryInfo data, JournalLocation journal)
    {
        using var store = ReadOnlyJournal.Open(data, journal);
        var records = new ApiKeyRegistry(store, TimeProvider.System).List();
        if (records.Count == 0)
        {
            Output.Info($"No API keys in {data.FullName}; create one with 'registra keys create'.");
            return ExitCodes.Success;
        }

        // Plain columns, not a table, so that long ids and times never wrap at the console width.
        string[] heading = ["id", "name", "role", "scope", "permissions", "created", "revoked"];
        var rows = records.Select(record => new[]
        {
            record.Id,
            record.Name,
            RoleName(record.Role),
            record.ScopeId ?? "-",
            record.Permissions == Permissions.None ? "-" : record.Permissions.ToString().ToLowerInvariant().Replace(", ", ","),
            FormatTime(record.CreatedAt),
            record.RevokedAt is { } revokedAt ? FormatTime(revokedAt) : "-",
        }).Prepend(heading).ToList();
        var widths = Enumerable.Range(0, heading.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            Output.Info(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        return ExitCodes.Success;
    }

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static int RunNode(DirectoryInfo data, JournalLocation journal)
    {
        // After 'import journal' the folder has blocks but no private key; a new key could not extend them.
        if (!File.Exists(Path.Combine(data.FullName, NodeKey.PrivateKeyFileName)))
        {
            DataFolder.RejectMissingNodeKey(data, journal);
        }

        using var key = NodeKey.LoadOrCreate(data.FullName);
        Console.WriteLine(Convert.ToHexStringLower(key.PublicKey));
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

    private static string RoleName(ActorRole role) => role switch
    {
        ActorRole.Operator => "operator",
        ActorRole.IssuerAgent => "issuer-agent",
        ActorRole.ClaimIssuer => "claim-issuer",
        ActorRole.Investor => "investor",
        ActorRole.Auditor => "auditor",
        _ => role.ToString(),
    };

    private static string ScopeKind(ActorRole role) => role switch
    {
        ActorRole.ClaimIssuer => "claim issuer",
        ActorRole.Investor => "identity",
        _ => "issuer",
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
