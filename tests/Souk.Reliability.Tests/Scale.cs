namespace Souk.Reliability.Tests;

/// <summary>
/// How big the suite runs: the bounded form by default (what CI runs, within its time budget), the long form with
/// <c>SOUK_RELIABILITY=long</c>. Each figure prints what it did, so a run's numbers go into docs/reliability.md.
/// </summary>
public static class Scale
{
    public static bool Long => Environment.GetEnvironmentVariable("SOUK_RELIABILITY") is "long";

    public static int Pick(int bounded, int @long) => Long ? @long : bounded;
}
