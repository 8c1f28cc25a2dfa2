using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;

namespace Registra.Tests.Api.Contract;

/// <summary>One request and its response as a client saw them.</summary>
internal sealed record RecordedExchange(string Method, string Path, int Status, string? ContentType, string Body);

/// <summary>Records every exchange that passes through it, for checking against the OpenAPI document afterwards.</summary>
internal sealed class RecordingHandler(List<RecordedExchange> exchanges) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        lock (exchanges)
        {
            exchanges.Add(new RecordedExchange(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType, body));
        }

        return response;
    }

    /// <summary>A client of the fixture's test server that records into <paramref name="exchanges"/> and sends the key of <paramref name="keyedClient"/>.</summary>
    public static HttpClient ClientFor(ApiFixture api, List<RecordedExchange> exchanges, HttpClient? keyedClient)
    {
        var server = api.Server;
        var client = new HttpClient(new RecordingHandler(exchanges) { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = keyedClient?.DefaultRequestHeaders.Authorization;
        return client;
    }
}

/// <summary>Maps a request path to the OpenAPI path template it belongs to.</summary>
internal sealed class PathTemplates
{
    private readonly List<(string Template, Regex Pattern, int Literals)> _templates;

    public PathTemplates(IEnumerable<string> templates)
    {
        _templates = templates
            .Select(template => (template, new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+?") + "$"),
                Regex.Replace(template, @"\{[^/]+?}", string.Empty).Length))
            .ToList();
    }

    /// <summary>Returns the matching template with the most literal characters, so "/x/{id}:pause" wins over "/x/{id}".</summary>
    public string? Match(string path) => _templates
        .Where(entry => entry.Pattern.IsMatch(path))
        .OrderByDescending(entry => entry.Literals)
        .Select(entry => entry.Template)
        .FirstOrDefault();
}
