namespace Souk.Reliability.Tests;

/// <summary>
/// How big the suite runs: the bounded form by default (what CI runs, within its time budget), the long form with
/// <c>SOUK_RELIABILITY=long</c>. Each figure prints what it did, so a run's numbers go into docs/reliability.md.
/// </summary>
public static class Scale
{
    public static bool Long => Environment.GetEnvironmentVariable("SOUK_RELIABILITY") is "long";

    public static int Pick(int bounded, int @long) => Long ? @long : bounded;

    /// <summary>
    /// A size knob (<c>SOUK_RACE_ORDERS</c>, <c>SOUK_FUZZ_REQUESTS</c>): its environment variable when set, else the bounded
    /// or long default. A value below <paramref name="floor"/> (or not a number) is refused: a figure run on a handful of
    /// orders would pass having proved nothing, and its line in docs/reliability.md would read as if it had.
    /// </summary>
    public static int Knob(string variable, int bounded, int @long, int floor)
    {
        var set = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(set)) return Pick(bounded, @long);
        if (!int.TryParse(set, out var value) || value < floor)
            throw new InvalidOperationException($"{variable}={set} is below the figure's floor of {floor}; set it to {floor} or more, or unset it.");
        return value;
    }
}
