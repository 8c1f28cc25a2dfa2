using System.Text.RegularExpressions;
using Registra.Access;
using Registra.Commands;
using Registra.Events;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    public const int MaxDocumentNameLength = 200;

    /// <summary>Longest document URI accepted, in characters.</summary>
    /// <remarks>NOTE: 2048 is a conventional choice, not a limit taken from a standard.</remarks>
    public const int MaxDocumentUriLength = 2048;

    /// <summary>Exactly 64 hex digits. \z, unlike $, rejects a trailing newline.</summary>
    [GeneratedRegex(@"\A[0-9A-Fa-f]{64}\z")]
    private static partial Regex Sha256Pattern();

    /// <summary>A media type's type and subtype with the RFC 6838 name characters, without parameters.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\z")]
    private static partial Regex MediaTypePattern();

    public static bool IsValidSha256(string? sha256) => sha256 is not null && Sha256Pattern().IsMatch(sha256);

    private CommandResult DecideAttachDocument(AttachDocument command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Documents, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        var failures = ValidateDocument(command);
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        var sha256 = command.Sha256.ToLowerInvariant();
        if (security.Documents.ContainsKey(sha256))
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.AlreadyExists, "document", "document", sha256,
                $"A document with this SHA-256 is already attached to {command.SecurityId}. Remove it first to change its name or URI.")
            {
                Subject = sha256,
            });
        }

        return CommandResult.Of(new DocumentAttached(command.SecurityId, sha256, command.Name.Trim(), command.Uri,
            command.MediaType?.ToLowerInvariant())) with { CreatedId = sha256 };
    }

    private static List<Failure> ValidateDocument(AttachDocument command)
    {
        var failures = new List<Failure>();
        if (!IsValidSha256(command.Sha256))
        {
            failures.Add(InvalidSha256(command.Sha256));
        }

        var name = command.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > MaxDocumentNameLength)
        {
            failures.Add(Invalid(command.Name ?? "null", $"A document name must be 1 to {MaxDocumentNameLength} characters, not counting leading and trailing spaces."));
        }

        if (command.Uri is not null && !IsValidDocumentUri(command.Uri))
        {
            failures.Add(Invalid(command.Uri,
                $"A document URI must be an absolute http or https URI of at most {MaxDocumentUriLength} characters, without a user name or password."));
        }

        if (command.MediaType is not null && !MediaTypePattern().IsMatch(command.MediaType))
        {
            failures.Add(Invalid(command.MediaType, "A media type is a type and subtype such as application/pdf, without parameters."));
        }

        return failures;
    }

    private static bool IsValidDocumentUri(string uri)
    {
        if (uri.Length > MaxDocumentUriLength || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        // The register is append-only and readable by every holder, so credentials in a URI would leak for good.
        var isWeb = parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps;
        return isWeb && parsed.UserInfo.Length == 0 && parsed.Host.Length > 0;
    }

    private static Failure InvalidSha256(string? sha256) =>
        Invalid(sha256 ?? "null", $"'{sha256}' is not a SHA-256: it must be exactly 64 hex digits, as printed by sha256sum.");

    private CommandResult DecideRemoveDocument(RemoveDocument command)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Documents, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (!IsValidSha256(command.Sha256))
        {
            return CommandResult.Rejected(InvalidSha256(command.Sha256));
        }

        var sha256 = command.Sha256.ToLowerInvariant();
        if (!security.Documents.ContainsKey(sha256))
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.NotFound, "document", "document", sha256,
                $"No document with SHA-256 {sha256} is attached to {command.SecurityId}. List its documents to check the hash.")
            {
                Subject = sha256,
            });
        }

        return CommandResult.Of(new DocumentRemoved(command.SecurityId, sha256));
    }

    private void EvolveDocument(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case DocumentAttached e:
                State.Securities[e.SecurityId].Documents.Add(e.Sha256, new SecurityDocument(e.Sha256, e.Name, e.Uri, e.MediaType, at));
                break;
            case DocumentRemoved e:
                State.Securities[e.SecurityId].Documents.Remove(e.Sha256);
                break;
            default:
                throw new ArgumentException($"{registerEvent.GetType().Name} is not a document event.", nameof(registerEvent));
        }
    }
}
