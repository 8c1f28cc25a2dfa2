using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Registra.Ledger;

/// <summary>
/// SHA-256 of short inputs (Merkle leaves and nodes) without the per-call cost of the
/// .NET hashing classes.
/// </summary>
/// <remarks>
/// On Linux, .NET hashes through OpenSSL's EVP interface, and every call pays for error-queue
/// clearing and context bookkeeping that cost several times the hashing of a 100-byte event.
/// This class calls OpenSSL's direct SHA256_Init/Update/Final functions from the libcrypto that
/// .NET itself uses, with the context on the stack. A 101-byte leaf took about 150 ns this way and
/// about 800 ns through a reused <see cref="IncrementalHash"/> (2-core AMD EPYC VM, OpenSSL 3.0.19, a loaded machine).
/// The functions are checked against <see cref="SHA256.HashData(ReadOnlySpan{byte})"/> on a known input
/// when first used. Where libcrypto or the functions are missing, or the check fails, every
/// call goes through <see cref="IncrementalHash"/> instead, with the same results. Setting the
/// environment variable REGISTRA_SHA256_DIRECT to 0 forces that path.
/// </remarks>
internal static unsafe class Sha256
{
    // OpenSSL's SHA256_CTX takes 112 bytes, so a 256-byte stack buffer leaves room to spare.
    private const int ContextSize = 256;

    private static readonly NativeFunctions? Native = NativeFunctions.TryLoad();

    [ThreadStatic]
    private static IncrementalHash? fallback;

    /// <summary>True when hashing goes through OpenSSL's direct functions.</summary>
    internal static bool UsesDirectOpenSsl => Native is not null;

    /// <summary>Writes SHA-256(prefix || data) into the first 32 bytes of <paramref name="destination"/>.</summary>
    internal static void HashPrefixed(byte prefix, ReadOnlySpan<byte> data, Span<byte> destination) =>
        HashPrefixed(prefix, data, [], destination);

    /// <summary>
    /// Writes SHA-256(prefix || first || second) into the first 32 bytes of <paramref name="destination"/>,
    /// which may overlap either input.
    /// </summary>
    internal static void HashPrefixed(byte prefix, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, EventHash.Size);
        if (Native is { } native)
        {
            native.Hash(prefix, first, second, destination);
            return;
        }

        IncrementalHash context = fallback ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        context.AppendData([prefix]);
        context.AppendData(first);
        context.AppendData(second);
        context.GetHashAndReset(destination[..EventHash.Size]);
    }

    private sealed class NativeFunctions
    {
        private readonly delegate* unmanaged<byte*, int> _init;
        private readonly delegate* unmanaged<byte*, byte*, nuint, int> _update;
        private readonly delegate* unmanaged<byte*, byte*, int> _final;

        private NativeFunctions(IntPtr init, IntPtr update, IntPtr final)
        {
            _init = (delegate* unmanaged<byte*, int>)init;
            _update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
            _final = (delegate* unmanaged<byte*, byte*, int>)final;
        }

        internal static NativeFunctions? TryLoad()
        {
            if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("REGISTRA_SHA256_DIRECT") == "0")
            {
                return null;
            }

            foreach (var name in (string[])["libcrypto.so.3", "libcrypto.so"])
            {
                if (NativeLibrary.TryLoad(name, out var library)
                    && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                    && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                    && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
                {
                    var functions = new NativeFunctions(init, update, final);
                    return functions.AgreesWithDotNet() ? functions : null;
                }
            }

            return null;
        }

        internal void Hash(byte prefix, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
        {
            byte* context = stackalloc byte[ContextSize];
            byte* digest = stackalloc byte[EventHash.Size];
            fixed (byte* firstPointer = first)
            fixed (byte* secondPointer = second)
            {
                if (_init(context) != 1
                    || _update(context, &prefix, 1) != 1
                    || _update(context, firstPointer, (nuint)first.Length) != 1
                    || _update(context, secondPointer, (nuint)second.Length) != 1
                    || _final(digest, context) != 1)
                {
                    throw new CryptographicException(
                        "OpenSSL's SHA256_Init/Update/Final failed. Set REGISTRA_SHA256_DIRECT=0 to hash through .NET's SHA-256 instead.");
                }
            }

            new ReadOnlySpan<byte>(digest, EventHash.Size).CopyTo(destination);
        }

        private bool AgreesWithDotNet()
        {
            byte[] input = new byte[200];
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (byte)(i * 7 + 3);
            }

            Span<byte> direct = stackalloc byte[EventHash.Size];
            try
            {
                Hash(input[0], input.AsSpan(1, 120), input.AsSpan(121), direct);
            }
            catch (CryptographicException)
            {
                return false;
            }

            return direct.SequenceEqual(SHA256.HashData(input));
        }
    }
}
