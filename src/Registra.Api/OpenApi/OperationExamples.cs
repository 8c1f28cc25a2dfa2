using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Registra.Api.OpenApi;

/// <summary>
/// Request and response examples for the main operations, keyed by operation id. A contract test
/// validates each example against the schema it sits under.
/// </summary>
internal static class OperationExamples
{
    private sealed record Example(string? Request, string Status, string Response, string ContentType = "application/json");

    private static readonly Dictionary<string, Example[]> ByOperation = new(StringComparer.Ordinal)
    {
        ["createIssuer"] =
        [
            new("""{ "id": "acme", "name": "Acme Corp", "lei": "529900T8BM49AURSDO55" }""", "201",
                """{ "id": "acme", "name": "Acme Corp", "lei": "529900T8BM49AURSDO55" }"""),
        ],
        ["createSecurity"] =
        [
            new("""{ "issuerId": "acme", "name": "Acme Common", "assetClass": "equity", "decimals": 2, "supplyCap": "1000000", "symbol": "ACME" }""", "201",
                """
                { "id": "acme-acme-common", "issuerId": "acme", "name": "Acme Common", "symbol": "ACME", "assetClass": "equity", "decimals": 2,
                  "supplyCap": "1000000", "supply": "0", "status": "active", "holderCount": 0, "rulesVersion": 0,
                  "identifiers": {}, "trustedClaimIssuers": [] }
                """),
        ],
        ["createIdentity"] =
        [
            new("""{ "id": "alice", "kind": "individual", "name": "Alice Ng", "accounts": ["alice-1"] }""", "201",
                """{ "id": "alice", "kind": "individual", "name": "Alice Ng", "accounts": [{ "id": "alice-1" }], "claims": [] }"""),
        ],
        ["addClaim"] =
        [
            new("""{ "id": "kyc", "type": "kyc", "value": "true", "claimIssuerId": "kyc-co", "validFrom": "2026-01-01T00:00:00Z" }""", "201",
                """
                { "id": "alice", "kind": "individual", "name": "Alice Ng", "accounts": [{ "id": "alice-1" }],
                  "claims": [{ "id": "kyc", "type": "kyc", "value": "true", "claimIssuerId": "kyc-co", "validFrom": "2026-01-01T00:00:00+00:00", "revoked": false }] }
                """),
        ],
        ["issue"] =
        [
            new("""{ "accountId": "alice-1", "amount": "1000" }""", "201", """{ "status": "settled", "sequence": 12, "blockHeight": 9 }"""),
        ],
        ["transfer"] =
        [
            new("""{ "from": "alice-1", "to": "bob-1", "amount": "250.5" }""", "201", """{ "status": "settled", "sequence": 13, "blockHeight": 10 }"""),
            new(null, "409",
                """
                { "type": "/v1/problems/insufficient_balance", "title": "Insufficient balance", "status": 409,
                  "detail": "Reduce the amount or issue more units first.", "code": "insufficient_balance",
                  "failures": [{ "code": "insufficient_balance", "rule": "balance", "limit": "5000", "current": "749.5",
                                 "subject": "alice-1", "hint": "Reduce the amount or issue more units first." }],
                  "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00" }
                """, EndpointDocs.ProblemContentType),
        ],
        ["checkTransfer"] =
        [
            new("""{ "from": "alice-1", "to": "carol-1", "amount": "10" }""", "200",
                """
                { "allowed": false, "failures": [{ "code": "receiver_not_verified", "rule": "identity_verified", "limit": "kyc",
                                                   "current": "carol", "hint": "Add a kyc claim from a trusted claim issuer to the receiver." }] }
                """),
        ],
        ["listHolders"] =
        [
            new(null, "200",
                """{ "items": [{ "accountId": "alice-1", "identityId": "alice", "balance": "749.5" }, { "accountId": "bob-1", "identityId": "bob", "balance": "250.5" }] }"""),
        ],
        ["getPosition"] =
        [
            new(null, "200",
                """{ "securityId": "acme-acme-common", "accountId": "bob-1", "identityId": "bob", "balance": "250.5", "frozen": "0", "accountFrozen": false }"""),
        ],
    };

    /// <summary>Every example as (operation id, status, content type, JSON), for the test that validates them.</summary>
    public static IEnumerable<(string OperationId, string Status, string ContentType, string Json)> Responses() =>
        ByOperation.SelectMany(pair => pair.Value.Select(example => (pair.Key, example.Status, example.ContentType, example.Response)));

    public static void Apply(OpenApiOperation operation)
    {
        if (operation.OperationId is null || !ByOperation.TryGetValue(operation.OperationId, out var examples))
        {
            return;
        }

        foreach (var example in examples)
        {
            if (example.Request is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var request) == true)
            {
                request.Example = JsonNode.Parse(example.Request);
            }

            if (operation.Responses?.TryGetValue(example.Status, out var response) == true
                && response.Content?.TryGetValue(example.ContentType, out var media) == true)
            {
                media.Example = JsonNode.Parse(example.Response);
            }
        }
    }
}
