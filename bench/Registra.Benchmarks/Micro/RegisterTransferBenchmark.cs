using BenchmarkDotNet.Attributes;
using Registra.Commands;
using Registra.Demo;

namespace Registra.Benchmarks.Micro;

/// <summary>
/// <c>Register.Execute</c> of one ordinary transfer against the DemoScenario security with its
/// five rules and 10,000 funded investors. Transfers of 1 to 100 units from balances of a
/// million cycle through a prepared list, so almost all are accepted.
/// </summary>
[MemoryDiagnoser]
public class RegisterTransferBenchmark
{
    private const int Investors = 10_000;
    private Register.Register _register = null!;
    private Transfer[] _transfers = [];
    private int _next;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void SetUp()
    {
        _register = new Register.Register();
        _now = DateTimeOffset.UtcNow;
        var scenario = new DemoScenario(Investors);
        var setup = scenario.SetupCommands(_now.AddYears(-1)).Select(command => _register.Execute(command, _now)).ToList();
        var securityId = setup[1].CreatedId!;
        foreach (var command in scenario.FundingCommands(securityId))
        {
            _register.Execute(command, _now);
        }

        _transfers = new Transfer[1 << 16];
        for (var i = 0; i < _transfers.Length; i++)
        {
            _transfers[i] = scenario.NextTransfer(securityId);
        }
    }

    [Benchmark]
    public CommandResult ExecuteTransfer()
    {
        var transfer = _transfers[_next];
        _next = (_next + 1) & (_transfers.Length - 1);
        return _register.Execute(transfer, _now);
    }
}
