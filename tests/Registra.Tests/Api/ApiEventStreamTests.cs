using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>The server-sent event stream of ledger events, and resuming it with Last-Event-ID.</summary>
public sealed class ApiEventStreamTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stream_DeliversTransfers_ResumesAfterLastId()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        using var timeout = new CancellationTokenSource(ReadTimeout);

        using var stream = await OpenAsync(api.Operator, lastEventId: null, timeout.Token);
        var first = await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "10" });
        var second = await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "20" });
        var transfers = await ReadUntilAsync(stream, "Transferred", count: 2, timeout.Token);

        using var resumed = await OpenAsync(api.Operator, lastEventId: transfers[0].Id, timeout.Token);
        var later = await ReadUntilAsync(resumed, "Transferred", count: 1, timeout.Token);

        Assert.Equal(first.GetProperty("sequence").GetInt64(), transfers[0].Id);
        Assert.Equal(second.GetProperty("sequence").GetInt64(), transfers[1].Id);
        Assert.Equal("10", transfers[0].Data.GetProperty("event").GetProperty("amount").GetString());
        Assert.Equal(transfers[1].Id, later[0].Id);
        Assert.All(later, message => Assert.True(message.Id > transfers[0].Id, $"event {message.Id} is not after {transfers[0].Id}"));
    }

    [Fact]
    public async Task Stream_FromSequence_SkipsEarlierEvents()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        var issued = await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        using var timeout = new CancellationTokenSource(ReadTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/events?from={issued.GetProperty("sequence").GetInt64()}");

        using var response = await api.Operator.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = await ReadUntilAsync(reader, "Issued", count: 1, timeout.Token, all: true);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(issued.GetProperty("sequence").GetInt64(), events[0].Id);
    }

    [Theory]
    [InlineData("xyz", null)]
    [InlineData("-3", null)]
    [InlineData(null, "0")]
    [InlineData(null, "-5")]
    public async Task Stream_BadStart_IsInvalidArgument(string? lastEventId, string? from)
    {
        await using var api = await ApiFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, from is null ? "/v1/events" : $"/v1/events?from={from}");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var response = await api.Operator.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.GetProperty("code").GetString());
        Assert.Contains(lastEventId ?? from!, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_DeniesInvestorsAndAnonymous()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.SeedAsync(0, "alice");

        using var investor = await api.ClientFor(ActorRole.Investor, "alice").GetAsync("/v1/events");
        using var claimIssuer = await api.ClientFor(ActorRole.ClaimIssuer, "kyc-co").GetAsync("/v1/events");
        using var anonymous = await api.Client(null).GetAsync("/v1/events");

        Assert.Equal(HttpStatusCode.Forbidden, investor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, claimIssuer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Stream_ForIssuerAgent_CarriesOnlyItsSecurities()
    {
        await using var api = await ApiFixture.StartAsync();
        var acme = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk("/v1/issuers", new { id = "globex", name = "Globex" });
        var globex = (await api.PostOk("/v1/securities", new { issuerId = "globex", name = "Globex Common", assetClass = "equity", decimals = 0 }))
            .GetProperty("id").GetString()!;
        await api.PostOk($"/v1/securities/{acme}/issuances", new { accountId = "alice-1", amount = "7" });
        await api.PostOk($"/v1/securities/{globex}/trusted-issuers", new { claimIssuerId = "kyc-co" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var reader = await OpenAsync(api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.All), null, timeout.Token);
        var events = await ReadUntilAsync(reader, "Issued", 1, timeout.Token, all: true);

        Assert.All(events, e => Assert.Equal(acme, e.Data.GetProperty("event").GetProperty("securityId").GetString()));
        Assert.DoesNotContain(events, e => e.Data.GetProperty("event").GetProperty("type").GetString() == "issuer_created");
    }

    [Fact]
    public async Task Proof_ForIssuerAgent_OnlyOfItsSecurities()
    {
        await using var api = await ApiFixture.StartAsync();
        var acme = await api.SeedAsync(0, "alice");
        await api.PostOk("/v1/issuers", new { id = "globex", name = "Globex" });
        var receipt = await api.PostOk($"/v1/securities/{acme}/issuances", new { accountId = "alice-1", amount = "7" });
        var sequence = receipt.GetProperty("sequence").GetInt64();

        using var own = await api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.None).GetAsync($"/v1/ledger/events/{sequence}/proof");
        using var other = await api.ClientFor(ActorRole.IssuerAgent, "globex", Permissions.All).GetAsync($"/v1/ledger/events/{sequence}/proof");
        using var auditor = await api.ClientFor(ActorRole.Auditor, "acme").GetAsync($"/v1/ledger/events/{sequence}/proof");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
    }

    internal sealed record ServerSentEvent(long Id, string Name, JsonElement Data);

    internal static async Task<StreamReader> OpenAsync(HttpClient client, long? lastEventId, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync(token));
    }

    /// <summary>Reads events until <paramref name="count"/> named <paramref name="name"/> arrived; returns those, or every event read when <paramref name="all"/>.</summary>
    internal static async Task<List<ServerSentEvent>> ReadUntilAsync(StreamReader reader, string name, int count, CancellationToken token, bool all = false)
    {
        var matched = new List<ServerSentEvent>();
        var read = new List<ServerSentEvent>();
        long id = 0;
        var eventName = string.Empty;
        while (matched.Count < count)
        {
            var line = await reader.ReadLineAsync(token) ?? throw new EndOfStreamException("The event stream ended early.");
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line["id: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var message = new ServerSentEvent(id, eventName, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                read.Add(message);
                if (eventName == name)
                {
                    matched.Add(message);
                }
            }
        }

        return all ? read : matched;
    }
}
