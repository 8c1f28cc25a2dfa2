using System.Net;
using System.Net.Sockets;
using System.Text;
using Registra.Benchmarks.Http;

namespace Registra.Tests.Benchmarks;

/// <summary>
/// The load client's plain HTTP connection against a loopback listener that replies with canned
/// bytes, each response sent in small pieces so the parser has to wait for every part.
/// </summary>
public sealed class PlainHttpConnectionTests
{
    private static readonly Uri Url = new("http://127.0.0.1/v1/securities/sec-1/transfers");

    [Fact]
    public void PostRequestCarriesKeyLengthAndBody()
    {
        var body = """{"from":"a","to":"b","amount":"1"}"""u8.ToArray();

        var text = Encoding.ASCII.GetString(PlainHttpConnection.PostRequest(Url, "rk_test", body));

        Assert.StartsWith("POST /v1/securities/sec-1/transfers HTTP/1.1\r\n", text);
        Assert.Contains("\r\nAuthorization: Bearer rk_test\r\n", text);
        Assert.Contains($"\r\nContent-Length: {body.Length}\r\n", text);
        Assert.EndsWith("\r\n\r\n" + Encoding.ASCII.GetString(body), text);
    }

    [Fact]
    public async Task ReadsChunkedAndSizedResponsesInTurn()
    {
        string[] responses =
        [
            "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n",
            "HTTP/1.1 422 Unprocessable Entity\r\ncontent-length: 4\r\n\r\nnope",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nTrailer: yes\r\n\r\n",
        ];
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener, responses);

        using var connection = await PlainHttpConnection.OpenAsync(new Uri($"http://127.0.0.1:{Port(listener)}/"));
        var request = PlainHttpConnection.PostRequest(Url, "rk_test", "{}"u8.ToArray());
        var statuses = new List<int>();
        foreach (var _ in responses)
        {
            statuses.Add(await connection.SendAsync(request));
        }

        Assert.Equal([201, 422, 200], statuses);
        Assert.Equal(responses.Length, await server);
    }

    [Fact]
    public async Task ResponseWithoutFramingIsAnError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener, ["HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody"]);

        using var connection = await PlainHttpConnection.OpenAsync(new Uri($"http://127.0.0.1:{Port(listener)}/"));
        var error = await Assert.ThrowsAsync<IOException>(() => connection.SendAsync(PlainHttpConnection.PostRequest(Url, "k", [])));

        Assert.Contains("neither Content-Length nor chunked", error.Message);
        await server;
    }

    [Fact]
    public async Task ClosedConnectionIsAnError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener, ["HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"]);

        using var connection = await PlainHttpConnection.OpenAsync(new Uri($"http://127.0.0.1:{Port(listener)}/"));
        var sending = connection.SendAsync(PlainHttpConnection.PostRequest(Url, "k", []));
        await server;

        var error = await Assert.ThrowsAsync<IOException>(() => sending);
        Assert.Contains("closed the connection", error.Message);
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Accepts one connection and, for each canned response, reads one request and writes the response 7 bytes at a time.</summary>
    private static async Task<int> ServeAsync(TcpListener listener, string[] responses)
    {
        using var client = await listener.AcceptTcpClientAsync();
        client.NoDelay = true;
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var answered = 0;
        foreach (var response in responses)
        {
            await ReadRequestAsync(stream, buffer);
            var bytes = Encoding.ASCII.GetBytes(response);
            for (var offset = 0; offset < bytes.Length; offset += 7)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(7, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(1);
            }

            answered++;
        }

        return answered;
    }

    // Reads until the end of the head and the Content-Length bytes after it.
    private static async Task ReadRequestAsync(NetworkStream stream, byte[] buffer)
    {
        var received = new List<byte>();
        while (true)
        {
            var text = Encoding.ASCII.GetString(received.ToArray());
            var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd >= 0)
            {
                var lengthLine = text[..headEnd].Split("\r\n").First(line => line.StartsWith("Content-Length:", StringComparison.Ordinal));
                var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (received.Count >= headEnd + 4 + length)
                {
                    return;
                }
            }

            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException("client closed the connection before a whole request arrived");
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }
}
