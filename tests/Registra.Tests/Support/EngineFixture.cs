using Registra.Amounts;
using Registra.Commands;
using Registra.Demo;
using Registra.Ledger.Engine;
using Registra.Tests.Ledger;

namespace Registra.Tests.Support;

/// <summary>A ledger engine on a fresh data folder with a small demo register already funded.</summary>
internal sealed class EngineFixture : IDisposable
{
    private EngineFixture(TempFolder folder, LedgerEngine engine, DemoScenario scenario, string securityId)
    {
        Folder = folder;
        Engine = engine;
        Scenario = scenario;
        SecurityId = securityId;
    }

    public TempFolder Folder { get; }

    public LedgerEngine Engine { get; private set; }

    public DemoScenario Scenario { get; }

    public string SecurityId { get; }

    public static async Task<EngineFixture> CreateAsync(int investors = 20, EngineOptions? options = null)
    {
        var folder = new TempFolder();
        var engine = LedgerEngine.Open(folder.Path, options: options);
        var scenario = new DemoScenario(investors);
        var setup = await engine.SubmitManyAsync(scenario.SetupCommands(DateTimeOffset.UtcNow.AddYears(-1)).ToList());
        var securityId = setup[1].Result.CreatedId!;
        await engine.SubmitManyAsync(scenario.FundingCommands(securityId).ToList());
        return new EngineFixture(folder, engine, scenario, securityId);
    }

    public Transfer Transfer(int from, int to, long units) =>
        new(SecurityId, DemoScenario.AccountOf(from), DemoScenario.AccountOf(to), Amount.FromUnits(units));

    /// <summary>Closes the engine and opens it again on the same folder, replaying the journal.</summary>
    public void Reopen(EngineOptions? options = null)
    {
        Engine.Dispose();
        Engine = LedgerEngine.Open(Folder.Path, options: options);
    }

    public void Dispose()
    {
        Engine.Dispose();
        Folder.Dispose();
    }
}
