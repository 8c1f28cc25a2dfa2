using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Demo;
using Registra.Events;
using Registra.Identities;
using Registra.Register;

namespace Registra.Tests.Register;

/// <summary>
/// Pins the outcome of a fixed mix of accepted and rejected transfers: every failure field, every
/// encoded event and the final state digest. Performance work on the transfer path must keep this
/// fingerprint unchanged.
/// </summary>
public sealed class TransferRegressionTests
{
    private const int Investors = 300;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DemoTransfers_FiveRules_FingerprintUnchanged()
    {
        Assert.Equal("0c15b4da27a3848c72ccbb1a2f929c02e30bad36099c9193a493c339db3c7ed2", Run(withVolumeLimit: false));
    }

    [Fact]
    public void DemoTransfers_VolumeLimit_FingerprintUnchanged()
    {
        Assert.Equal("03ffc3bfb6178182f8b8762338c6785da63ac8eb77e8a4180a1e8a563ee2706b", Run(withVolumeLimit: true));
    }

    private static string Run(bool withVolumeLimit)
    {
        var register = new Registra.Register.Register();
        var scenario = new DemoScenario(Investors, seed: 7);
        var fingerprint = new Fingerprint();
        var now = Start;

        var setup = scenario.SetupCommands(Start.AddYears(-1)).ToList();
        var results = setup.Select(command => register.Execute(command, now)).ToList();
        var securityId = results[1].CreatedId!;
        foreach (var command in scenario.FundingCommands(securityId))
        {
            Assert.True(register.Execute(command, now).Accepted);
        }

        // Receivers that the rules reject: no KYC claim, a blocked country, a US investor without accreditation.
        AddIdentity(register, now, "unverified", "acct-unverified", ("jurisdiction", ClaimTypes.Jurisdiction, "DE"));
        AddIdentity(register, now, "blocked", "acct-blocked", ("kyc", ClaimTypes.Kyc, "true"), ("jurisdiction", ClaimTypes.Jurisdiction, "KP"));
        AddIdentity(register, now, "retail", "acct-retail", ("kyc", ClaimTypes.Kyc, "true"), ("jurisdiction", ClaimTypes.Jurisdiction, "US"));
        if (withVolumeLimit)
        {
            var rules = scenario.Rules().Append(new VolumeLimitRule("2500", "PT1H")).ToList();
            Assert.True(register.Execute(new SetRules(securityId, rules), now).Accepted);
        }

        var random = new Random(11);
        for (var i = 0; i < 6000; i++)
        {
            // Several commands share a timestamp, as in one engine block.
            if (i % 16 == 0)
            {
                now = now.AddMinutes(3);
            }

            var command = NextCommand(scenario, securityId, random, i);
            var result = register.Execute(command, now);
            fingerprint.Add(result, register.State.LastSequence, now);
        }

        fingerprint.AddBytes(StateDigest.Compute(register.State));
        return fingerprint.Finish();
    }

    private static RegisterCommand NextCommand(DemoScenario scenario, string securityId, Random random, int i)
    {
        var transfer = scenario.NextTransfer(securityId);
        return (i % 50) switch
        {
            3 => transfer with { Amount = Amount.FromUnits(DemoScenario.UnitsPerInvestor * 3) },
            7 => transfer with { ToAccountId = "acct-unverified" },
            11 => transfer with { ToAccountId = "acct-blocked" },
            13 => transfer with { ToAccountId = "acct-retail" },
            17 => transfer with { ToAccountId = "acct-missing" },
            19 => transfer with { Amount = Amount.Zero },
            23 => transfer with { FromAccountId = DemoScenario.AccountOf(random.Next(Investors)), Amount = Amount.FromUnits(9_000_000) },
            29 => transfer with { ToAccountId = DemoScenario.AccountOf(0), Amount = Amount.FromUnits(random.Next(1, 5000)) },
            _ => transfer,
        };
    }

    private static void AddIdentity(Registra.Register.Register register, DateTimeOffset now, string identity, string account,
        params (string Id, string Type, string Value)[] claims)
    {
        Assert.True(register.Execute(new RegisterIdentity(identity, IdentityKind.Individual, identity), now).Accepted);
        Assert.True(register.Execute(new AddAccount(identity, account), now).Accepted);
        foreach (var (id, type, value) in claims)
        {
            Assert.True(register.Execute(new AddClaim(identity, id, type, value, DemoScenario.ClaimIssuerId, now.AddDays(-1)), now).Accepted);
        }
    }

    private sealed class Fingerprint
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public void Add(CommandResult result, long lastSequence, DateTimeOffset now)
        {
            AddText(result.Accepted ? "accepted" : "rejected");
            foreach (var failure in result.Failures)
            {
                AddText($"{failure.Code.Name}|{failure.Rule}|{failure.Limit}|{failure.Current}|{failure.Hint}|{failure.Subject}");
            }

            var first = lastSequence - result.Events.Count + 1;
            for (var i = 0; i < result.Events.Count; i++)
            {
                var buffer = new ArrayBufferWriter<byte>();
                EventCodec.Encode(new LedgerEvent(first + i, now, result.Events[i]), buffer);
                AddBytes(buffer.WrittenSpan);
            }
        }

        public void AddBytes(ReadOnlySpan<byte> bytes) => _hash.AppendData(bytes);

        public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        private void AddText(string text) => _hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
    }
}
