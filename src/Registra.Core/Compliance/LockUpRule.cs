using System.Text.Json.Serialization;
using System.Globalization;
using Registra.Reasons;

namespace Registra.Compliance;

/// <summary>No units may leave an account before the instant; from the instant on they may.</summary>
public sealed record LockUpRule(DateTimeOffset Until) : Rule
{
    [JsonIgnore]
    public override string TypeName => "lock_up";

    public override string? Validate(int decimals) => null;

    public override void Check(TransferCheck check, List<Failure> failures)
    {
        if (check.ChecksSender && check.From is not null && check.Now < Until)
        {
            var until = Until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            failures.Add(Fail(Reasons.Reasons.TokensLocked, "locked until " + until, "0",
                $"The security is locked up; transfers are allowed from {until}.") with { Subject = check.From.AccountId });
        }
    }
}
