using System.CommandLine;
using System.Text.Json;
using Registra.Events;
using Registra.Ledger;

namespace Registra.Cli.Commands;

/// <summary><c>registra proof</c>: creates and checks event inclusion proofs.</summary>
internal static class ProofCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var store = CliOptions.Store();
        var sequence = new Option<long>("--sequence") { Description = "Sequence number of the event to prove, from 1.", Required = true };
        var output = CliOptions.OutputFile("File to write the proof to; standard output when omitted.");
        var create = new Command("create", "Create an inclusion proof: the event, its Merkle path and the signed block header.") { data, store, sequence, output };
        create.SetAction(parse => RunCreate(parse.GetValue(data)!, parse.GetValue(store), parse.GetValue(sequence), parse.GetValue(output)));

        var file = new Argument<FileInfo>("proof") { Description = "Proof file (JSON) to check." };
        CliOptions.RejectFolder(file, "The proof");
        var publicKey = new Option<string>("--public-key") { Description = "The node's Ed25519 public key as 64 hex digits.", Required = true };
        var check = new Command("verify", "Check an inclusion proof with only the node's public key.") { file, publicKey };
        check.SetAction(parse => RunVerify(parse.GetValue(file)!, parse.GetValue(publicKey)!));

        return new Command("proof", "Event inclusion proofs that anyone with the public key can check offline.") { create, check };
    }

    private static int RunCreate(DirectoryInfo data, string? storeOption, long sequence, FileInfo? output)
    {
        using var store = ReadOnlyJournal.Open(data, CliOptions.Journal(data, storeOption));
        if (store.ReadHead() is not { } head)
        {
            return Output.Error($"The journal in {data.FullName} has no blocks, so there is no event to prove.");
        }

        if (sequence < 1 || sequence > head.LastSequence)
        {
            return Output.Error($"No event with sequence number {sequence} is in the journal; give a sequence number from 1 to {head.LastSequence}.");
        }

        if (InclusionProof.Create(store, sequence) is not { } proof)
        {
            return Output.Error($"No block of the journal contains sequence number {sequence}, although the last is {head.LastSequence}; run 'registra verify' on the data folder.");
        }

        if (CheckCreated(data, store, proof) is { } problem)
        {
            return Output.Error($"The proof of event {sequence} does not verify, so it was not written: {problem} Run 'registra verify' on the data folder.");
        }

        var json = proof.ToJson();
        if (output is null)
        {
            Console.WriteLine(json);
        }
        else
        {
            File.WriteAllText(output.FullName, json);
            Output.Info($"Wrote the proof of event {sequence} to {output.FullName}.");
        }

        return ExitCodes.Success;
    }

    /// <summary>Checks a new proof with the folder's public key, so a damaged block yields an error instead of a bad proof.</summary>
    /// <returns>Why the proof is bad, or null when it verifies.</returns>
    private static string? CheckCreated(DirectoryInfo data, IJournalStore store, InclusionProof proof)
    {
        var (keyHex, _) = ReadOnlyJournal.ReadPublicKey(data, store);
        if (keyHex is not null && VerifyCommand.TryParseKey(keyHex, out var publicKey))
        {
            var check = ProofVerifier.Verify(proof, publicKey);
            if (check != ProofCheck.Valid)
            {
                return ProofMessages.Describe(check, proof);
            }
        }
        else
        {
            Output.Warning($"the data folder has no valid public key in {NodeKey.PublicKeyFileName} or the journal, so the new proof was not checked.");
        }

        try
        {
            EventCodec.Decode(Convert.FromBase64String(proof.EventBytes));
            return null;
        }
        catch (FormatException exception)
        {
            return $"the event bytes cannot be decoded ({exception.Message}).";
        }
    }

    private static int RunVerify(FileInfo file, string publicKeyHex)
    {
        if (!VerifyCommand.TryParseKey(publicKeyHex, out var publicKey))
        {
            return Output.Error($"The public key '{publicKeyHex}' is not 64 hex digits; copy it from node.pub.");
        }

        if (ProofMessages.Read(file) is not { } proof)
        {
            return ExitCodes.InvalidInput;
        }

        var result = ProofVerifier.Verify(proof, publicKey);
        if (result != ProofCheck.Valid)
        {
            Output.Info($"INVALID: {ProofMessages.Describe(result, proof)}");
            return ExitCodes.Failed;
        }

        LedgerEvent ledgerEvent;
        try
        {
            ledgerEvent = EventCodec.Decode(Convert.FromBase64String(proof.EventBytes));
        }
        catch (FormatException exception)
        {
            Output.Info($"INVALID: the proof verifies, but its event bytes cannot be decoded: {exception.Message}");
            return ExitCodes.Failed;
        }

        Output.Info($"VALID: event {proof.Sequence} at {ledgerEvent.Timestamp:O} is in a block signed by key {proof.KeyId}.");
        Output.Info(JsonSerializer.Serialize(ledgerEvent.Payload, Ledger.Export.JournalJson.Options));
        return ExitCodes.Success;
    }
}
