using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Registra.Benchmarks.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection over plain TCP that sends prepared request bytes and reads
/// the response's status, skipping its body. It costs the load client far less CPU than
/// <see cref="HttpClient"/>, which matters when client and server share two cores.
/// </summary>
/// <remarks>
/// It reads bodies framed by Content-Length or chunked transfer coding, as Kestrel sends them,
/// and nothing else: a response without either framing is reported as an error.
/// </remarks>
internal sealed class PlainHttpConnection : IDisposable
{
    private const int BufferSize = 16 * 1024;

    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;

    private PlainHttpConnection(Socket socket) => _socket = socket;

    /// <summary>Opens a TCP connection to the host and port of <paramref name="url"/>, with Nagle's delay off.</summary>
    public static async Task<PlainHttpConnection> OpenAsync(Uri url)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(url.Host, url.Port));
            return new PlainHttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Builds the bytes of a POST with a JSON body and a bearer key, for repeated sending.</summary>
    public static byte[] PostRequest(Uri url, string apiKey, byte[] body)
    {
        var head = $"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nAuthorization: Bearer {apiKey}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    /// <summary>Sends one request and returns the response's status code once its whole body has arrived.</summary>
    /// <exception cref="IOException">The server closed the connection or sent a response this client cannot frame.</exception>
    public async Task<int> SendAsync(ReadOnlyMemory<byte> request)
    {
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None);
            request = request[sent..];
        }

        var headerEnd = await FindAsync(HeadEnd);
        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + 4;
        var status = ParseStatus(head);
        var (length, chunked) = Framing(head);
        if (length is { } bodyLength)
        {
            await SkipAsync(bodyLength);
        }
        else if (chunked)
        {
            await SkipChunksAsync();
        }
        else
        {
            throw new IOException($"response {status} has neither Content-Length nor chunked transfer coding");
        }

        return status;
    }

    public void Dispose() => _socket.Dispose();

    private static int ParseStatus(string head)
    {
        // The status line is "HTTP/1.1 201 Created".
        if (head.Length < 12 || !head.StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(head.AsSpan(9, 3), out var status))
        {
            throw new IOException($"invalid status line '{head.Split('\r')[0]}'");
        }

        return status;
    }

    /// <summary>Reads the body framing from the response head in one pass over its header lines.</summary>
    private static (long? Length, bool Chunked) Framing(string head)
    {
        long? length = null;
        var chunked = false;
        foreach (var line in head.AsSpan().EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, out var parsed))
            {
                length = parsed;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
        }

        return (length, chunked);
    }

    /// <summary>Reads chunks until the last one (size 0) and the empty line after its trailers.</summary>
    private async Task SkipChunksAsync()
    {
        while (true)
        {
            var lineEnd = await FindAsync(LineEnd);
            var sizeText = Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start).Split(';')[0].Trim();
            _start = lineEnd + 2;
            if (!long.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size))
            {
                throw new IOException($"invalid chunk size '{sizeText}'");
            }

            if (size == 0)
            {
                // Trailer lines, if any, end with an empty line.
                while (true)
                {
                    var trailerEnd = await FindAsync(LineEnd);
                    var empty = trailerEnd == _start;
                    _start = trailerEnd + 2;
                    if (empty)
                    {
                        return;
                    }
                }
            }

            await SkipAsync(size + 2);
        }
    }

    private async Task SkipAsync(long count)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                await FillAsync();
            }

            var skipped = (int)Math.Min(count, _end - _start);
            _start += skipped;
            count -= skipped;
        }
    }

    /// <summary>Returns the buffer index where <paramref name="marker"/> starts, reading more until it arrives.</summary>
    private async Task<int> FindAsync(byte[] marker)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            if (found >= 0)
            {
                return _start + found;
            }

            await FillAsync();
        }
    }

    /// <summary>Moves unread bytes to the front of the buffer and reads more from the socket.</summary>
    private async Task FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new IOException($"response head or chunk line longer than {BufferSize} bytes");
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }

        _end += read;
    }
}
