using System.Globalization;
using System.Text.RegularExpressions;

namespace Registra.Compliance;

/// <summary>
/// An ISO 8601 duration with calendar months ("P12M", "P6M", "PT24H", "P1Y2M10DT2H").
/// Months are added on the calendar, so 12 months from 1 March is the next 1 March.
/// </summary>
public readonly partial record struct CalendarPeriod(int Years, int Months, int Days, int Hours, int Minutes)
{
    public static CalendarPeriod? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Iso8601().Match(text.Trim().ToUpperInvariant());
        if (!match.Success || text.Trim().Length <= 1 || text.Trim().EndsWith('T'))
        {
            return null;
        }

        var period = new CalendarPeriod(
            Group(match, "y"), Group(match, "mo"), Group(match, "d"), Group(match, "h"), Group(match, "mi"));
        return period.IsZero ? null : period;
    }

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Hours == 0 && Minutes == 0;

    public DateTimeOffset AddTo(DateTimeOffset instant) =>
        instant.AddYears(Years).AddMonths(Months).AddDays(Days).AddHours(Hours).AddMinutes(Minutes);

    public DateTimeOffset SubtractFrom(DateTimeOffset instant) =>
        instant.AddYears(-Years).AddMonths(-Months).AddDays(-Days).AddHours(-Hours).AddMinutes(-Minutes);

    public override string ToString()
    {
        var date = (Years > 0 ? $"{Years}Y" : "") + (Months > 0 ? $"{Months}M" : "") + (Days > 0 ? $"{Days}D" : "");
        var time = (Hours > 0 ? $"{Hours}H" : "") + (Minutes > 0 ? $"{Minutes}M" : "");
        return "P" + date + (time.Length > 0 ? "T" + time : "");
    }

    private static int Group(Match match, string name) =>
        match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^P(?:(?<y>\d{1,4})Y)?(?:(?<mo>\d{1,5})M)?(?:(?<d>\d{1,6})D)?(?:T(?:(?<h>\d{1,7})H)?(?:(?<mi>\d{1,9})M)?)?$")]
    private static partial Regex Iso8601();
}
