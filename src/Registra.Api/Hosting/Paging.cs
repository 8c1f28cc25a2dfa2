using Microsoft.AspNetCore.Http;

namespace Registra.Api.Hosting;

/// <summary>Cursor pagination: <c>limit</c> (1 to 1000, default 100) and <c>after</c>, the last id of the previous page.</summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static int Limit(int? requested) => Math.Clamp(requested ?? DefaultLimit, 1, MaxLimit);

    /// <summary>Builds a page from up to limit + 1 items read; the extra item only shows that a next page exists.</summary>
    public static Page<T> Page<T>(HttpContext context, List<T> items, int limit, Func<T, string> cursor)
    {
        var hasMore = items.Count > limit;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        string? next = null;
        if (hasMore)
        {
            var query = context.Request.Query
                .Where(pair => pair.Key is not ("after" or "limit"))
                .Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value.ToString())}")
                .Append($"limit={limit}")
                .Append($"after={Uri.EscapeDataString(cursor(items[^1]))}");
            next = $"{context.Request.Path}?{string.Join("&", query)}";
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return new Page<T>(items, next);
    }
}

/// <summary>A page of a list, with the link to the next page when there is one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
