using Registra.Benchmarks.Http;

namespace Registra.Tests.Benchmarks;

public sealed class FixedRateOptionsTests
{
    private const string Url = "http://127.0.0.1:8383/v1/securities/sec-1/transfers";

    [Fact]
    public void Client_UnknownName_ErrorNamesChoices()
    {
        var parsed = FixedRateOptions.TryParse(["--url", Url, "--key", "rk_x", "--rate", "10", "--client", "curl"], out var options, out var error);

        Assert.False(parsed);
        Assert.Null(options);
        Assert.Equal("--client must be plain or httpclient, not 'curl'", error);
    }

    [Fact]
    public void Client_PlainWithHttps_IsRejected()
    {
        var parsed = FixedRateOptions.TryParse(["--url", "https://127.0.0.1:8383/v1/x", "--key", "rk_x", "--rate", "10"], out _, out var error);

        Assert.False(parsed);
        Assert.Contains("--client httpclient", error);
    }

    [Fact]
    public void Client_HttpClientWithHttps_IsAccepted()
    {
        var parsed = FixedRateOptions.TryParse(["--url", "https://127.0.0.1:8383/v1/x", "--key", "rk_x", "--rate", "10", "--client", "httpclient"], out var options, out var error);

        Assert.True(parsed, error);
        Assert.Equal(FixedRateClient.HttpClient, options!.Client);
    }

    [Fact]
    public void SlowMs_Given_IsKept()
    {
        var parsed = FixedRateOptions.TryParse(["--url", Url, "--key", "rk_x", "--rate", "10", "--slow-ms", "12.5"], out var options, out var error);

        Assert.True(parsed, error);
        Assert.Equal(12.5, options!.SlowWindowMs);
    }

    [Fact]
    public void SlowMs_Omitted_IsNull()
    {
        var parsed = FixedRateOptions.TryParse(["--url", Url, "--key", "rk_x", "--rate", "10"], out var options, out var error);

        Assert.True(parsed, error);
        Assert.Null(options!.SlowWindowMs);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    public void SlowMs_Invalid_IsRejected(string value)
    {
        var parsed = FixedRateOptions.TryParse(["--url", Url, "--key", "rk_x", "--rate", "10", "--slow-ms", value], out var options, out var error);

        Assert.False(parsed);
        Assert.Null(options);
        Assert.Equal($"--slow-ms must be a number from 0 to 60000, not '{value}'", error);
    }
}
