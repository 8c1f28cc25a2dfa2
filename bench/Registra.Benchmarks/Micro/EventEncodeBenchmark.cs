using System.Buffers;
using BenchmarkDotNet.Attributes;
using Registra.Events;

namespace Registra.Benchmarks.Micro;

/// <summary><c>EventCodec.Encode</c> of one <see cref="Transferred"/> event into a reused buffer.</summary>
[MemoryDiagnoser]
public class EventEncodeBenchmark
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly LedgerEvent _event = new(1_234_567, DateTimeOffset.UtcNow,
        new Transferred("sec-000001", "acct-0001234", "acct-0007654", 42, Forced: false, Agent: null, OverrideReason: null));

    [Benchmark]
    public int EncodeTransferred()
    {
        _buffer.ResetWrittenCount();
        EventCodec.Encode(_event, _buffer);
        return _buffer.WrittenCount;
    }
}
