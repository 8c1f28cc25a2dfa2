using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Registra.Api.Hosting;

/// <summary>
/// Enforces <see cref="ApiOptions.MaxRequestBodyBytes"/> on servers that do not, such as the
/// in-memory test server. Kestrel enforces the limit itself through its server options.
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is null)
            {
                if (context.Request.ContentLength > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                context.Request.Body = new LimitedStream(context.Request.Body, maxBytes);
            }

            await next(context);
        });

    private static BadHttpRequestException TooLarge(long maxBytes) =>
        new($"The request body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>A read-only view of the request body that throws once more than the limit is read.</summary>
    private sealed class LimitedStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > maxBytes ? throw TooLarge(maxBytes) : read;
        }
    }
}
