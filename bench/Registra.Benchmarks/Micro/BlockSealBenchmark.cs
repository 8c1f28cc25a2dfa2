using System.Buffers;
using BenchmarkDotNet.Attributes;
using Registra.Events;
using Registra.Ledger;

namespace Registra.Benchmarks.Micro;

/// <summary>
/// <c>BlockSealer.Seal</c> of 8,192 encoded transfer events: leaf hashes, Merkle root, header
/// and Ed25519 signature.
/// </summary>
[MemoryDiagnoser]
public class BlockSealBenchmark
{
    private const int Events = 8192;
    private readonly byte[] _previousHash = new byte[EventHash.Size];
    private string _folder = "";
    private NodeKey _key = null!;
    private ReadOnlyMemory<byte>[] _events = [];

    [GlobalSetup]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "registra-seal-" + Guid.NewGuid().ToString("N"));
        _key = NodeKey.LoadOrCreate(_folder);
        var buffer = new ArrayBufferWriter<byte>();
        var offsets = new (int Offset, int Length)[Events];
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Events; i++)
        {
            var offset = buffer.WrittenCount;
            var payload = new Transferred("sec-000001", $"acct-{i:D7}", $"acct-{Events - i:D7}", 1 + i % 100, Forced: false, Agent: null, OverrideReason: null);
            EventCodec.Encode(new LedgerEvent(1 + i, now, payload), buffer);
            offsets[i] = (offset, buffer.WrittenCount - offset);
        }

        var bytes = buffer.WrittenMemory;
        _events = offsets.Select(o => bytes.Slice(o.Offset, o.Length)).ToArray();
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public SealedBlock Seal8192() => BlockSealer.Seal(1, 1, _previousHash, 1_767_225_600_000_000, _events, _key);
}
