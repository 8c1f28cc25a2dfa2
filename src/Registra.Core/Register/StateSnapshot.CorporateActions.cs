using Registra.Canonical;
using Registra.CorporateActions.Ballots;
using Registra.CorporateActions.StockEvents;
using Registra.Events;

namespace Registra.Register;

/// <summary>Ballots and stock events in the snapshot, each in ordinal id order.</summary>
public static partial class StateSnapshot
{
    private static void WriteBallots(CanonicalWriter writer, RegisterState state)
    {
        writer.WriteLength(state.Ballots.Count);
        foreach (var ballot in state.Ballots.Values.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            // The creation event carries every fixed field in the same encoding.
            new BallotCreated(ballot.Id, ballot.SecurityId, ballot.Title, ballot.RecordAt, ballot.OpensAt, ballot.ClosesAt,
                ballot.QuorumBasisPoints, ballot.Motions).Write(writer);

            writer.WriteLength(ballot.Voters.Count);
            foreach (var (identityId, voter) in ballot.Voters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(identityId);
                writer.WriteInt128(voter.Weight);
                foreach (var choice in voter.Choices)
                {
                    writer.WriteByte(choice);
                }
            }

            writer.WriteBool(ballot.Result is not null);
            if (ballot.Result is { } result)
            {
                new BallotCertified(ballot.Id, result.AsOfSequence, result.SupplyAtRecord, result.Turnout, result.Voters,
                    result.QuorumMet, result.Motions).Write(writer);
            }
        }
    }

    private static void WriteStockEvents(CanonicalWriter writer, RegisterState state)
    {
        writer.WriteLength(state.StockEvents.Count);
        foreach (var record in state.StockEvents.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            writer.WriteString(record.Id);
            writer.WriteString(record.SecurityId);
            writer.WriteByte((byte)record.Kind);
            writer.WriteInt64(record.Numerator);
            writer.WriteInt64(record.Denominator);
            writer.WriteInstant(record.At);
            writer.WriteOptionalInstant(record.RecordAt);
            StockEventCodec.WritePrice(writer, record.CashInLieu);
            StockEventCodec.WriteEntries(writer, record.Entries);
        }
    }

    private ref partial struct BodyReader
    {
        private void ReadBallots(RegisterState state)
        {
            var ballots = ReadCount();
            for (var i = 0; i < ballots; i++)
            {
                var created = BallotCreated.Read(ref _reader);
                var ballot = new BallotState(created.BallotId, created.SecurityId, created.Title, created.RecordAt, created.OpensAt,
                    created.ClosesAt, created.QuorumBasisPoints, created.Motions);

                var voters = ReadCount();
                for (var v = 0; v < voters; v++)
                {
                    var identityId = _reader.ReadString();
                    var voter = new Voter(_reader.ReadInt128(), ballot.Motions.Count);
                    for (var m = 0; m < voter.Choices.Length; m++)
                    {
                        voter.Choices[m] = _reader.ReadByte();
                    }

                    AddUnique(ballot.Voters, identityId, voter, "voter");
                }

                if (_reader.ReadBool())
                {
                    ballot.Result = BallotCertified.Read(ref _reader).ToResult();
                }

                AddUnique(state.Ballots, ballot.Id, ballot, "ballot");
            }
        }

        private void ReadStockEvents(RegisterState state)
        {
            var records = ReadCount();
            for (var i = 0; i < records; i++)
            {
                var record = new StockEventRecord(_reader.ReadString(), _reader.ReadString(), ReadEnum<StockEventKind>("stock event kind"),
                    _reader.ReadInt64(), _reader.ReadInt64(), _reader.ReadInstant(), _reader.ReadOptionalInstant(),
                    StockEventCodec.ReadPrice(ref _reader), StockEventCodec.ReadEntries(ref _reader));
                AddUnique(state.StockEvents, record.Id, record, "stock event");
            }
        }
    }
}
