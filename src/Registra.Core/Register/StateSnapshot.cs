using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Registra.Canonical;

namespace Registra.Register;

/// <summary>
/// A binary copy of a whole <see cref="RegisterState"/>, so a node can start from it and replay
/// only the events after it. Layout: the ASCII magic "RGSNAP", the format version as a
/// little-endian UInt16, the body in the canonical encoding, then a SHA-256 of every byte before it.
/// </summary>
/// <remarks>
/// <para>
/// The hash detects corruption, not tampering: anyone who can write the snapshot can recompute
/// it. Journal verification therefore never reads snapshots and always replays every block.
/// </para>
/// <para>
/// Order: the securities and each identity's claims are written in enumeration order. Neither
/// ever loses an entry, so that order is the order of the events that added them. It must be
/// kept because the state machine takes the first match from both: the first valid claim of a
/// type, and the first security outside an agent's scope. Every other map and set is written in
/// ordinal key order, because the state machine only looks entries up by key there.
/// </para>
/// </remarks>
public static partial class StateSnapshot
{
    /// <summary>
    /// Version 2 added each security's documents, version 3 the supply cap in force, ballots and
    /// stock events, version 4 the cash ledgers and distributions, version 5 the market (holds,
    /// settlement instructions, order books), version 6 the primary offerings, version 7 the approval
    /// policy and approvals of each queued transfer. Older snapshots are rejected and the engine
    /// replays the journal.
    /// </summary>
    public const ushort FormatVersion = 7;

    private const int HeaderLength = 8;
    private const int HashLength = SHA256.HashSizeInBytes;

    private static ReadOnlySpan<byte> Magic => "RGSNAP"u8;

    /// <summary>Encodes every field of the state. The state must not change while this runs.</summary>
    public static byte[] Write(RegisterState state) => Capture(state).Complete();

    /// <summary>
    /// Encodes every field of the state except the entries of its balance histories, which
    /// <see cref="SnapshotCapture.Complete"/> encodes later, on any thread, even after the state
    /// has changed. The state must not change while this runs.
    /// </summary>
    /// <param name="state">The state to capture.</param>
    /// <param name="buffer">
    /// A buffer to write into, emptied first, or null for a new one. The capture uses it until
    /// <see cref="SnapshotCapture.Complete"/> returns; a buffer kept from one capture to the next
    /// spares a large register growing a new one each time.
    /// </param>
    public static SnapshotCapture Capture(RegisterState state, ArrayBufferWriter<byte>? buffer = null)
    {
        ArgumentNullException.ThrowIfNull(state);

        var capture = new SnapshotCapture(buffer ?? new ArrayBufferWriter<byte>(1 << 16));
        capture.Head.Write(Magic);
        var writer = new CanonicalWriter(capture.Head);
        writer.WriteUInt16(FormatVersion);
        WriteBody(writer, capture, state);
        capture.EndCapture();
        return capture;
    }

    /// <summary>Decodes a snapshot written by <see cref="Write"/> into a new state.</summary>
    /// <exception cref="InvalidDataException">
    /// The bytes are too short, have another magic or format version, fail the SHA-256 check, or
    /// decode into a malformed or inconsistent state.
    /// </exception>
    public static RegisterState Read(ReadOnlySpan<byte> snapshot)
    {
        CheckEnvelope(snapshot);

        var body = snapshot[HeaderLength..^HashLength];
        try
        {
            var reader = new BodyReader(body);
            var state = reader.ReadState();
            if (!reader.AtEnd)
            {
                throw new InvalidDataException("The register snapshot has bytes left over after the state.");
            }

            var violations = Invariants.Check(state);
            if (violations.Count > 0)
            {
                throw new InvalidDataException($"The register snapshot breaks {violations.Count} invariant(s), the first: {violations[0]}.");
            }

            return state;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"The register snapshot body is malformed: {exception.Message}", exception);
        }
    }

    private static void CheckEnvelope(ReadOnlySpan<byte> snapshot)
    {
        if (snapshot.Length < HeaderLength + HashLength)
        {
            throw new InvalidDataException(
                $"The register snapshot is {snapshot.Length} bytes long, shorter than the {HeaderLength + HashLength} bytes of header and hash.");
        }

        if (!snapshot.StartsWith(Magic))
        {
            throw new InvalidDataException("The bytes do not start with the magic \"RGSNAP\", so they are not a register snapshot.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(snapshot[Magic.Length..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException(
                $"The register snapshot has format version {version}, but this build reads only version {FormatVersion}.");
        }

        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(snapshot[..^HashLength], hash);
        if (!hash.SequenceEqual(snapshot[^HashLength..]))
        {
            throw new InvalidDataException("The register snapshot's SHA-256 does not match its contents, so the snapshot is corrupt.");
        }
    }
}
