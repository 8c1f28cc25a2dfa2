using Registra.Demo;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// Measures the managed heap a register holds per investor: <c>GC.GetTotalMemory(true)</c>
/// before and after building N funded investors, each with one position.
/// </summary>
internal static class MemoryPerPosition
{
    public static void Run(int positions)
    {
        var now = DateTimeOffset.UtcNow;
        var scenario = new DemoScenario(positions);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var register = new Register.Register();
        // Only the security id is kept from the results, so that they do not count as register memory.
        string? securityId = null;
        var index = 0;
        foreach (var command in scenario.SetupCommands(now.AddYears(-1)))
        {
            var result = register.Execute(command, now);
            securityId = index++ == 1 ? result.CreatedId : securityId;
        }

        var afterIdentities = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var command in scenario.FundingCommands(securityId!))
        {
            register.Execute(command, now);
        }

        var afterPositions = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(register);

        var total = (afterPositions - before) / (double)positions;
        var positionOnly = (afterPositions - afterIdentities) / (double)positions;
        Console.WriteLine($"memory: {positions} funded investors take {total:F0} bytes each on the managed heap " +
            $"(identity, account and three claims {total - positionOnly:F0}; position, lot, history and holder entry {positionOnly:F0})");
    }
}
