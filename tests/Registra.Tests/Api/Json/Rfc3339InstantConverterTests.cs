using System.Text.Json;
using Registra.Api.Json;

namespace Registra.Tests.Api.Json;

public sealed class Rfc3339InstantConverterTests
{
    private static readonly JsonSerializerOptions Options = Configured();

    private static JsonSerializerOptions Configured()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }

    [Theory]
    [InlineData("\"2030-01-01T00:00:00Z\"", "2030-01-01T00:00:00.0000000+00:00")]
    [InlineData("\"2030-01-01t10:30:00.25+13:00\"", "2030-01-01T10:30:00.2500000+13:00")]
    [InlineData("\"2030-06-30T23:59:59.1234567-04:30\"", "2030-06-30T23:59:59.1234567-04:30")]
    public void Instant_WithOffset_KeepsOffset(string json, string expected)
    {
        var instant = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

        Assert.Equal(expected, instant.ToString("O"));
    }

    [Theory]
    [InlineData("\"2030-01-01T00:00:00\"")]
    [InlineData("\"2030-01-01\"")]
    [InlineData("\"2030-01-01 00:00:00Z\"")]
    [InlineData("\"2030-02-30T00:00:00Z\"")]
    [InlineData("\"tomorrow\"")]
    [InlineData("1893456000")]
    public void Instant_NotRfc3339_IsRejected(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset?>(json, Options));
    }

    [Fact]
    public void NullableInstant_AcceptsNull()
    {
        Assert.Null(JsonSerializer.Deserialize<DateTimeOffset?>("null", Options));
    }
}
