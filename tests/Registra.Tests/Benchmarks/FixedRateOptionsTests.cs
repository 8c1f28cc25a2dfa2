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
}
