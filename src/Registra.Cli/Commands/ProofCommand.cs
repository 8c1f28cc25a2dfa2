using System.CommandLine;
using System.Text.Json;
using Registra.Events;
using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Cli.Commands;

/// <summary><c>registra proof</c>: creates and checks event inclusion proofs.</summary>
internal static class ProofCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var sequence = new Option<long>("--sequence") { Description = "Sequence number of the event to prove.", Required = true };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write the proof to; standard output when omitted." };
        var create = new Command("create", "Create an inclusion proof: the event, its Merkle path and the signed block header.") { data, sequence, output };
        create.SetAction(parse => RunCreate(parse.GetValue(data)!, parse.GetValue(sequence), parse.GetValue(output)));

        var file = new Argument<FileInfo>("proof") { Description = "Proof file (JSON) to check." };
        var publicKey = new Option<string>("--public-key") { Description = "The node's Ed25519 public key as 64 hex digits.", Required = true };
        var check = new Command("verify", "Check an inclusion proof with only the node's public key.") { file, publicKey };
        check.SetAction(parse => RunVerify(parse.GetValue(file)!, parse.GetValue(publicKey)!));

        return new Command("proof", "Event inclusion proofs that anyone with the public key can check offline.") { create, check };
    }

    private static int RunCreate(DirectoryInfo data, long sequence, FileInfo? output)
    {
        var journalPath = Path.Combine(data.FullName, LedgerEngine.JournalFileName);
        if (!File.Exists(journalPath))
        {
            return Output.Error($"No journal at {journalPath}; check the --data folder.");
        }

        using var store = SqliteJournalStore.OpenReadOnly(journalPath);
        if (InclusionProof.Create(store, sequence) is not { } proof)
        {
            return Output.Error($"No event with sequence number {sequence} is in the journal; sequence numbers start at 1.");
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

    private static int RunVerify(FileInfo file, string publicKeyHex)
    {
        if (!VerifyCommand.TryParseKey(publicKeyHex, out var publicKey))
        {
            return Output.Error($"The public key '{publicKeyHex}' is not 64 hex digits; copy it from node.pub.");
        }

        InclusionProof proof;
        try
        {
            proof = InclusionProof.FromJson(File.ReadAllText(file.FullName));
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            return Output.Error($"Cannot read the proof {file.FullName}: {exception.Message}");
        }

        var result = ProofVerifier.Verify(proof, publicKey);
        if (result != ProofCheck.Valid)
        {
            Output.Info($"INVALID: {result}");
            return ExitCodes.Failed;
        }

        var ledgerEvent = EventCodec.Decode(Convert.FromBase64String(proof.EventBytes));
        Output.Info($"VALID: event {proof.Sequence} at {ledgerEvent.Timestamp:O} is in a block signed by key {proof.KeyId}.");
        Output.Info(JsonSerializer.Serialize(ledgerEvent.Payload, Ledger.Export.JournalJson.Options));
        return ExitCodes.Success;
    }
}
