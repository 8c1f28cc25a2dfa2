using Registra.Amounts;
using Registra.Canonical;
using Registra.Compliance;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Register;

public static partial class StateSnapshot
{
    /// <summary>
    /// Decodes the body. Malformed encodings raise <see cref="FormatException"/> and duplicate ids
    /// or unknown enum values raise <see cref="InvalidDataException"/>.
    /// </summary>
    private ref partial struct BodyReader(ReadOnlySpan<byte> body)
    {
        private readonly int _bodyLength = body.Length;
        private CanonicalReader _reader = new(body);

        public readonly bool AtEnd => _reader.AtEnd;

        public RegisterState ReadState()
        {
            var state = new RegisterState
            {
                LastSequence = _reader.ReadInt64(),
                LastTimestamp = _reader.ReadInstant(),
            };

            var issuers = ReadCount();
            for (var i = 0; i < issuers; i++)
            {
                var issuer = new IssuerState(_reader.ReadString(), _reader.ReadString(), _reader.ReadOptionalString());
                AddUnique(state.Issuers, issuer.Id, issuer, "issuer");
            }

            var claimIssuers = ReadCount();
            for (var i = 0; i < claimIssuers; i++)
            {
                AddUnique(state.ClaimIssuers, _reader.ReadString(), _reader.ReadString(), "claim issuer");
            }

            var identities = ReadCount();
            for (var i = 0; i < identities; i++)
            {
                var identity = ReadIdentity();
                AddUnique(state.Identities, identity.Id, identity, "identity");
            }

            var accounts = ReadCount();
            for (var i = 0; i < accounts; i++)
            {
                var account = new AccountState(_reader.ReadString(), _reader.ReadString()) { RecoveredTo = _reader.ReadOptionalString() };
                AddUnique(state.Accounts, account.Id, account, "account");
            }

            var securities = ReadCount();
            for (var i = 0; i < securities; i++)
            {
                var security = ReadSecurity();
                AddUnique(state.Securities, security.Id, security, "security");
            }

            var pendingTransfers = ReadCount();
            for (var i = 0; i < pendingTransfers; i++)
            {
                var pending = new PendingTransfer(_reader.ReadString(), _reader.ReadString(), _reader.ReadString(), _reader.ReadString(),
                    new Amount(_reader.ReadInt128()), _reader.ReadInstant())
                {
                    Status = ReadEnum<PendingStatus>("pending transfer status"),
                };
                ReadApprovals(pending);
                AddUnique(state.PendingTransfers, pending.Id, pending, "pending transfer");
            }

            ReadBallots(state);
            ReadStockEvents(state);
            ReadCash(state);
            ReadDistributions(state);

            Market.MarketSnapshot.Read(ref _reader, state);
            Market.Offerings.OfferingSnapshot.Read(ref _reader, state);
            return state;
        }

        private void ReadApprovals(PendingTransfer pending)
        {
            pending.RequiredApprovals = _reader.ReadInt32();
            var approvers = new string[ReadCount()];
            for (var i = 0; i < approvers.Length; i++)
            {
                approvers[i] = _reader.ReadString();
            }

            pending.Approvers = approvers;
            var approvals = ReadCount();
            for (var i = 0; i < approvals; i++)
            {
                pending.Approvals.Add(new ApprovalGiven(_reader.ReadString(), _reader.ReadInstant()));
            }
        }

        private IdentityState ReadIdentity()
        {
            var identity = new IdentityState(_reader.ReadString(), ReadEnum<IdentityKind>("identity kind"), _reader.ReadString());

            var accounts = ReadCount();
            for (var i = 0; i < accounts; i++)
            {
                identity.Accounts.Add(_reader.ReadString());
            }

            var claims = ReadCount();
            for (var i = 0; i < claims; i++)
            {
                var claim = new Claim(_reader.ReadString(), _reader.ReadString(), _reader.ReadString(), _reader.ReadString(),
                    _reader.ReadInstant(), _reader.ReadOptionalInstant())
                {
                    Revoked = _reader.ReadBool(),
                };
                if (!identity.AddClaim(claim))
                {
                    throw Duplicate("claim", claim.Id);
                }
            }

            return identity;
        }

        private SecurityState ReadSecurity()
        {
            var definition = new SecurityDefinition(
                Id: _reader.ReadString(),
                IssuerId: _reader.ReadString(),
                Name: _reader.ReadString(),
                Symbol: _reader.ReadOptionalString(),
                AssetClass: ReadEnum<AssetClass>("asset class"),
                Decimals: _reader.ReadInt32(),
                SupplyCap: _reader.ReadOptionalInt128() is { } cap ? new Amount(cap) : null,
                Identifiers: _reader.ReadMap(),
                Terms: _reader.ReadMap());
            var security = new SecurityState(definition)
            {
                Status = ReadEnum<SecurityStatus>("security status"),
                Supply = new Amount(_reader.ReadInt128()),
            };
            ReadHistory(security.SupplyHistory);
            var rulesVersion = _reader.ReadInt32();
            security.Rules = new RuleSet(rulesVersion, RuleSet.FromJson(_reader.ReadString()));

            var trustedIssuers = ReadCount();
            for (var i = 0; i < trustedIssuers; i++)
            {
                var issuerId = _reader.ReadString();
                if (!security.TrustedIssuers.Add(issuerId))
                {
                    throw Duplicate("trusted issuer", issuerId);
                }
            }

            var positions = ReadCount();
            for (var i = 0; i < positions; i++)
            {
                var position = ReadPosition();
                AddUnique(security.Positions, position.AccountId, position, "position");
            }

            ReadHolders(security);
            ReadOutflows(security);
            ReadDocuments(security);
            security.SupplyCap = _reader.ReadOptionalInt128() is { } capInForce ? new Amount(capInForce) : null;
            return security;
        }

        private void ReadDocuments(SecurityState security)
        {
            var documents = ReadCount();
            for (var i = 0; i < documents; i++)
            {
                var document = new SecurityDocument(_reader.ReadString(), _reader.ReadString(), _reader.ReadOptionalString(),
                    _reader.ReadOptionalString(), _reader.ReadInstant());
                AddUnique(security.Documents, document.Sha256, document, "document");
            }
        }

        private Position ReadPosition()
        {
            var position = new Position(_reader.ReadString(), _reader.ReadString())
            {
                Balance = new Amount(_reader.ReadInt128()),
                Frozen = new Amount(_reader.ReadInt128()),
                IsFrozen = _reader.ReadBool(),
            };

            var lots = ReadCount();
            position.Lots = new List<Lot>(lots);
            for (var i = 0; i < lots; i++)
            {
                position.Lots.Add(new Lot(new Amount(_reader.ReadInt128()), _reader.ReadInstant()));
            }

            ReadHistory(position.History);
            return position;
        }

        private void ReadHolders(SecurityState security)
        {
            var holders = ReadCount();
            for (var i = 0; i < holders; i++)
            {
                var identityId = _reader.ReadString();
                var entry = new HolderEntry
                {
                    Total = new Amount(_reader.ReadInt128()),
                    Country = _reader.ReadOptionalString(),
                    Accredited = _reader.ReadBool(),
                };
                if (security.Holders.ContainsKey(identityId))
                {
                    throw Duplicate("holder", identityId);
                }

                security.ListHolder(identityId, entry);
            }

            var countries = ReadCount();
            for (var i = 0; i < countries; i++)
            {
                AddUnique(security.HoldersByCountry, _reader.ReadString(), _reader.ReadInt32(), "holder country");
            }

            security.NonAccreditedHolders = _reader.ReadInt32();
        }

        private void ReadOutflows(SecurityState security)
        {
            var senders = ReadCount();
            for (var i = 0; i < senders; i++)
            {
                var identityId = _reader.ReadString();
                var count = ReadCount();
                var outflows = new Queue<(DateTimeOffset At, Amount Amount)>(count);
                for (var j = 0; j < count; j++)
                {
                    outflows.Enqueue((_reader.ReadInstant(), new Amount(_reader.ReadInt128())));
                }

                AddUnique(security.Outflows, identityId, outflows, "outflow queue");
            }
        }

        /// <summary>Reads a history written by <see cref="WriteHistory"/> into the empty history.</summary>
        private void ReadHistory(BalanceHistory history)
        {
            var count = ReadCount();
            var capacity = Math.Max(2, count);
            var ticks = new long[capacity];
            var balances = new Int128[capacity];

            long previousTicks = 0;
            var previousBalance = Int128.Zero;
            for (var i = 0; i < count; i++)
            {
                var delta = ReadVarUInt64();
                if (delta > (ulong)(DateTimeOffset.MaxValue.UtcTicks - previousTicks) || (i > 0 && delta == 0))
                {
                    throw new FormatException($"Balance history entry {i} has an invalid tick delta {delta}.");
                }

                previousTicks += (long)delta;
                previousBalance = unchecked(previousBalance + UnZigZag(ReadVarUInt128()));
                ticks[i] = previousTicks;
                balances[i] = previousBalance;
            }

            history.Load(ticks, balances, count);
        }

        private ulong ReadVarUInt64()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = _reader.ReadByte();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new FormatException("A 64-bit varint is longer than ten bytes.");
        }

        private UInt128 ReadVarUInt128()
        {
            UInt128 value = 0;
            for (var shift = 0; shift < 128; shift += 7)
            {
                var b = _reader.ReadByte();
                value |= (UInt128)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new FormatException("A 128-bit varint is longer than nineteen bytes.");
        }

        /// <summary>Reads a count; every item takes at least one byte, so a count above the body's length is corrupt.</summary>
        private int ReadCount()
        {
            var count = _reader.ReadLength();
            return count <= _bodyLength ? count : throw new FormatException($"Count {count} exceeds the body's {_bodyLength} bytes.");
        }

        private T ReadEnum<T>(string kind)
            where T : struct, Enum
        {
            var value = _reader.ReadByte();
            var parsed = (T)Enum.ToObject(typeof(T), value);
            return Enum.IsDefined(parsed) ? parsed : throw new InvalidDataException($"The register snapshot has unknown {kind} {value}.");
        }

        private static void AddUnique<TValue>(Dictionary<string, TValue> map, string key, TValue value, string kind)
        {
            if (!map.TryAdd(key, value))
            {
                throw Duplicate(kind, key);
            }
        }

        private static InvalidDataException Duplicate(string kind, string key) =>
            new($"The register snapshot lists {kind} '{key}' twice.");
    }
}
