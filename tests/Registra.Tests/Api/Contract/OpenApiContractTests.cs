using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registra.Tests.Api.Contract;

/// <summary>
/// Checks /openapi/v1.json against the running API: every JSON body a broad scenario receives must
/// match the schema the document declares for its operation and status.
/// </summary>
public sealed class OpenApiContractTests
{
    [Fact]
    public async Task Document_IsOpenApi31_AndPublic()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Client(null).GetAsync("/openapi/v1.json");
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString());
        Assert.Equal("Registra API", document.GetProperty("info").GetProperty("title").GetString());
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("apiKeyBearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKeyHeader").GetProperty("name").GetString());
    }

    [Fact]
    public async Task EveryOperation_HasIdSummaryAndDescription()
    {
        await using var api = await ApiFixture.StartAsync();
        var document = await ReadDocumentAsync(api);

        var operations = Operations(document).ToList();

        Assert.True(operations.Count >= 35, $"only {operations.Count} operations are documented");
        foreach (var (path, method, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path} has no operationId");
            Assert.True(operation.TryGetProperty("summary", out _), $"{method} {path} has no summary");
            Assert.True(operation.TryGetProperty("description", out _), $"{method} {path} has no description");
        }
    }

    [Fact]
    public async Task V1Operations_RequireApiKey_ExceptProblemTypes()
    {
        await using var api = await ApiFixture.StartAsync();
        var document = await ReadDocumentAsync(api);

        foreach (var (path, method, operation) in Operations(document).Where(op => op.Path.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            Assert.True(secured != path.StartsWith("/v1/problems/", StringComparison.Ordinal), $"{method} {path}: security is {(secured ? "set" : "missing")}");
        }
    }

    [Fact]
    public async Task ProblemCatalogue_ListsEveryReasonCode()
    {
        await using var api = await ApiFixture.StartAsync();
        var document = await ReadDocumentAsync(api);
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var codes = schemas.GetProperty("ProblemCode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        var types = schemas.GetProperty("ProblemType").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToHashSet();

        foreach (var reason in Registra.Reasons.Reasons.All)
        {
            Assert.Contains(reason.Name, codes);
            Assert.Contains("/v1/problems/" + reason.Name, types);
        }

        Assert.Equal(Registra.Reasons.Reasons.All.Count, codes.Count);
    }

    [Fact]
    public async Task ProblemTypes_InCatalogue_Resolve()
    {
        await using var api = await ApiFixture.StartAsync();
        var document = await ReadDocumentAsync(api);
        var reasonTypes = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemType").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!)
            .Where(type => Registra.Reasons.Reasons.Find(type["/v1/problems/".Length..]) is not null)
            .ToList();

        foreach (var type in reasonTypes)
        {
            using var response = await api.Client(null).GetAsync(type);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {type} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Examples_MatchTheirSchemas()
    {
        await using var api = await ApiFixture.StartAsync();
        var validator = new OpenApiSchemaValidator(await ReadDocumentAsync(api));
        var errors = new List<string>();
        var examples = 0;

        foreach (var (path, method, operation) in Operations(validator.Document))
        {
            foreach (var media in MediaTypes(operation))
            {
                if (media.TryGetProperty("example", out var example) && media.TryGetProperty("schema", out var schema))
                {
                    examples++;
                    errors.AddRange(validator.Validate(example, schema).Select(error => $"{method} {path} example: {error}"));
                }
            }
        }

        Assert.True(examples >= 15, $"only {examples} examples are in the document");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Responses_MatchDocumentedSchemas()
    {
        await using var api = await ApiFixture.StartAsync();
        var validator = new OpenApiSchemaValidator(await ReadDocumentAsync(api));
        var exchanges = new List<RecordedExchange>();

        await ContractScenario.RunAsync(api, exchanges);
        var (errors, covered) = CheckAgainstDocument(validator, exchanges);

        Assert.True(exchanges.Count >= 60, $"the scenario made only {exchanges.Count} requests");
        var uncovered = Operations(validator.Document).Select(op => op.Operation.GetProperty("operationId").GetString()!).Except(covered).Order().ToList();
        Assert.True(uncovered.Count == 0, "operations the scenario never called: " + string.Join(", ", uncovered));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Validator_RejectsWrongResponseShapes()
    {
        await using var api = await ApiFixture.StartAsync();
        var validator = new OpenApiSchemaValidator(await ReadDocumentAsync(api));
        var schema = validator.ResponseSchema("/v1/securities/{securityId}/positions/{accountId}", "GET", 200, "application/json")!.Value;
        var good = """{ "securityId": "s", "accountId": "a-1", "identityId": "a", "balance": "12.5", "frozen": "0", "accountFrozen": false }""";

        var wrongShapes = new Dictionary<string, string>
        {
            ["balance as a JSON number"] = good.Replace("\"12.5\"", "12.5"),
            ["balance missing"] = good.Replace("\"balance\": \"12.5\", ", string.Empty),
            ["undocumented field"] = good.Replace("\"securityId\"", "\"extra\": 1, \"securityId\""),
            ["boolean as a string"] = good.Replace("false", "\"false\""),
            ["amount with an exponent"] = good.Replace("\"12.5\"", "\"1e3\""),
        };

        Assert.Empty(validator.Validate(JsonDocument.Parse(good).RootElement, schema));
        foreach (var (name, json) in wrongShapes)
        {
            Assert.True(validator.Validate(JsonDocument.Parse(json).RootElement, schema).Count > 0, $"the validator accepted {name}");
        }
    }

    [Fact]
    public async Task ContractCheck_FailsOnUndocumentedStatusAndShape()
    {
        await using var api = await ApiFixture.StartAsync();
        var validator = new OpenApiSchemaValidator(await ReadDocumentAsync(api));
        var exchanges = new List<RecordedExchange>
        {
            new("GET", "/v1/securities/x", 200, "application/json", """{ "id": "x" }"""),
            new("GET", "/v1/securities/x", 418, "application/json", "{}"),
            new("GET", "/v1/nowhere", 200, "application/json", "{}"),
        };

        var (errors, _) = CheckAgainstDocument(validator, exchanges);

        Assert.Contains(errors, error => error.Contains("required property \"issuerId\"", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains("418", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains("/v1/nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReferencePage_ServesEmbeddedAssets()
    {
        await using var api = await ApiFixture.StartAsync();
        var client = api.Client(null);

        var page = await client.GetStringAsync("/docs/index.html");
        var assets = System.Text.RegularExpressions.Regex.Matches(page, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var script = await client.GetStringAsync("/docs/index.js");

        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            Assert.False(asset.Contains("//", StringComparison.Ordinal), $"the page loads {asset} from another host");
            using var response = await client.GetAsync("/docs/" + asset.TrimStart('.', '/'));
            Assert.True(response.IsSuccessStatusCode, $"/docs/{asset} answered {(int)response.StatusCode}");
        }

        Assert.Contains("/openapi/v1.json", script);
        Assert.Contains("\"validatorUrl\":\"none\"", script);
    }

    internal static async Task<JsonElement> ReadDocumentAsync(ApiFixture api) =>
        await api.Client(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    internal static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (path.Name, op.Name.ToUpperInvariant(), op.Value)));

    private static IEnumerable<JsonElement> MediaTypes(JsonElement operation)
    {
        var bodies = new List<JsonElement>();
        if (operation.TryGetProperty("requestBody", out var request) && request.TryGetProperty("content", out var requestContent))
        {
            bodies.Add(requestContent);
        }

        bodies.AddRange(operation.GetProperty("responses").EnumerateObject()
            .Where(response => response.Value.TryGetProperty("content", out _))
            .Select(response => response.Value.GetProperty("content")));
        return bodies.SelectMany(content => content.EnumerateObject().Select(media => media.Value));
    }

    /// <summary>Returns every mismatch between the exchanges and the document, and the operation ids the exchanges reached.</summary>
    private static (List<string> Errors, HashSet<string> Covered) CheckAgainstDocument(OpenApiSchemaValidator validator, List<RecordedExchange> exchanges)
    {
        var document = validator.Document;
        var templates = new PathTemplates(document.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        var errors = new List<string>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exchange in exchanges)
        {
            var where = $"{exchange.Method} {exchange.Path} -> {exchange.Status}";
            var template = templates.Match(exchange.Path);
            if (template is null || !document.GetProperty("paths").GetProperty(template).TryGetProperty(exchange.Method.ToLowerInvariant(), out var operation))
            {
                errors.Add($"{where}: the document has no such operation");
                continue;
            }

            covered.Add(operation.GetProperty("operationId").GetString()!);
            var status = exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.GetProperty("responses").TryGetProperty(status, out _))
            {
                errors.Add($"{where}: status {status} is not documented for {template}");
                continue;
            }

            if (exchange.Body.Length == 0 || exchange.ContentType is not ("application/json" or "application/problem+json"))
            {
                continue;
            }

            if (validator.ResponseSchema(template, exchange.Method, exchange.Status, exchange.ContentType) is not { } schema)
            {
                errors.Add($"{where}: no schema is documented for {exchange.ContentType}");
                continue;
            }

            errors.AddRange(validator.Validate(JsonDocument.Parse(exchange.Body).RootElement, schema).Select(error => $"{where}: {error}"));
        }

        return (errors, covered);
    }
}
