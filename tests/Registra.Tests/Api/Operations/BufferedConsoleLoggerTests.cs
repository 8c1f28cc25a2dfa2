using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting;
using Registra.Api.Operations;

namespace Registra.Tests.Api.Operations;

public sealed class BufferedConsoleLoggerTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact]
    public void Dispose_WritesQueuedLinesInOrder()
    {
        var (provider, output, _) = Create(new ConsoleLoggerOptions(), Never, maxQueued: 100);
        LogNumberedLines(provider, 3);

        provider.Dispose();

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains("info: Registra.Test[0]", text);
        Assert.True(text.IndexOf("line 1", StringComparison.Ordinal) < text.IndexOf("line 2", StringComparison.Ordinal));
        Assert.True(text.IndexOf("line 2", StringComparison.Ordinal) < text.IndexOf("line 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Flush_AfterInterval_WritesWithoutDispose()
    {
        var (provider, output, _) = Create(new ConsoleLoggerOptions(), TimeSpan.FromMilliseconds(20), maxQueued: 100);
        using (provider)
        {
            provider.CreateLogger("Registra.Test").LogInformation("written by the timer");

            Assert.True(SpinWait.SpinUntil(() => Encoding.UTF8.GetString(output.ToArray()).Contains("written by the timer"), TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public void Error_AtThreshold_GoesToStandardError()
    {
        var (provider, output, error) = Create(new ConsoleLoggerOptions { LogToStandardErrorThreshold = LogLevel.Error }, Never, maxQueued: 100);
        var logger = provider.CreateLogger("Registra.Test");
        logger.LogWarning("a warning");
        logger.LogError("an error");

        // An error is written at once, without waiting for the interval or the end.
        Assert.True(SpinWait.SpinUntil(() => Encoding.UTF8.GetString(error.ToArray()).Contains("an error"), TimeSpan.FromSeconds(10)));
        provider.Dispose();

        Assert.Contains("a warning", Encoding.UTF8.GetString(output.ToArray()));
        Assert.DoesNotContain("an error", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Enqueue_QueueFull_DropsAndWarns()
    {
        var (provider, output, error) = Create(new ConsoleLoggerOptions(), Never, maxQueued: 3);
        LogNumberedLines(provider, 5);

        provider.Dispose();

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains("line 3", text);
        Assert.DoesNotContain("line 4", text);
        Assert.Contains("2 log lines were dropped", Encoding.UTF8.GetString(error.ToArray()));
    }

    [Fact]
    public void Flush_ClosedOutput_KeepsLogging()
    {
        using var services = new ServiceCollection().AddLogging(logging => logging.AddConsole()).BuildServiceProvider();
        var error = new MemoryStream();
        var provider = new BufferedConsoleLoggerProvider(new ConsoleLoggerOptions { LogToStandardErrorThreshold = LogLevel.Error },
            services.GetServices<ConsoleFormatter>(), new ClosedStream(), error, Never, maxQueued: 1000);
        var logger = provider.CreateLogger("Registra.Test");

        // More than the output's 64 KiB buffer, so writing the lines fails, not only flushing them.
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("{Padding}", new string('x', 1024));
        }

        logger.LogError("after the failure");

        Assert.True(SpinWait.SpinUntil(() => Encoding.UTF8.GetString(error.ToArray()).Contains("after the failure"), TimeSpan.FromSeconds(10)));
        Assert.Null(Record.Exception(provider.Dispose));
    }

    [Fact]
    public void Create_JsonFormatter_WritesJsonLines()
    {
        var (provider, output, _) = Create(new ConsoleLoggerOptions { FormatterName = ConsoleFormatterNames.Json }, Never, maxQueued: 100);
        provider.CreateLogger("Registra.Test").LogInformation("as json {Value}", 42);
        provider.Dispose();

        var line = Encoding.UTF8.GetString(output.ToArray()).Trim();
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("as json 42", json.RootElement.GetProperty("Message").GetString());
        Assert.Equal("Registra.Test", json.RootElement.GetProperty("Category").GetString());
    }

    [Fact]
    public void Create_UnknownFormatter_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(new ConsoleLoggerOptions { FormatterName = "xml" }, Never, maxQueued: 100));

        Assert.Contains("'xml'", error.Message);
    }

    [Fact]
    public async Task ApiHost_UsesBufferedProvider()
    {
        await using var api = await Registra.Tests.Api.ApiFixture.StartAsync();

        var providers = api.Services.GetServices<ILoggerProvider>().ToList();

        Assert.Contains(providers, provider => provider is BufferedConsoleLoggerProvider);
        Assert.DoesNotContain(providers, provider => provider is ConsoleLoggerProvider);
    }

    [Fact]
    public async Task ApiHost_ConfiguredFormatter_IsUsed()
    {
        await using var api = await Registra.Tests.Api.ApiFixture.StartAsync(web: web => web.UseSetting("Logging:Console:FormatterName", "json"));

        var options = api.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, options.FormatterName);
    }

    [Fact]
    public async Task MalformedBody_LogsRequestLineOnly()
    {
        var capture = new CapturingLoggerProvider();
        await using var api = await Registra.Tests.Api.ApiFixture.StartAsync(web: web => web.ConfigureLogging(logging => logging.AddProvider(capture)));
        var securityId = await api.SeedAsync(0, "alice", "bob");

        using var body = new StringContent("{\"from\":\"alice-1\",", Encoding.UTF8, "application/json");
        using var response = await api.Operator.PostAsync($"/v1/securities/{securityId}/transfers", body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(capture.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.Contains(capture.Entries, entry => entry.Message.Contains("HTTP POST /v1/securities/{securityId}/transfers returned 400", StringComparison.Ordinal));
    }

    private static void LogNumberedLines(BufferedConsoleLoggerProvider provider, int count)
    {
        var logger = provider.CreateLogger("Registra.Test");
        for (var i = 1; i <= count; i++)
        {
            logger.LogInformation("line {Number}", i);
        }
    }

    private static (BufferedConsoleLoggerProvider Provider, MemoryStream Output, MemoryStream Error) Create(
        ConsoleLoggerOptions options, TimeSpan flushInterval, int maxQueued)
    {
        using var services = new ServiceCollection().AddLogging(logging => logging.AddConsole()).BuildServiceProvider();
        var formatters = services.GetServices<ConsoleFormatter>().ToList();
        var output = new MemoryStream();
        var error = new MemoryStream();
        return (new BufferedConsoleLoggerProvider(options, formatters, output, error, flushInterval, maxQueued), output, error);
    }

    /// <summary>An output whose reader went away: every write fails as a broken pipe does.</summary>
    private sealed class ClosedStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");
    }

    /// <summary>Keeps every log entry of the host in memory.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, System.Collections.Concurrent.ConcurrentQueue<(LogLevel, string, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
