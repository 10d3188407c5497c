namespace Souk.Reliability.Tests;

/// <summary>The size knobs cannot shrink a figure below what makes it prove something.</summary>
public sealed class ScaleTests
{
    [Fact]
    public void AKnobBelowItsFloor_OrNotANumber_IsRefused_AtOrAboveIsTaken_UnsetIsTheDefault()
    {
        const string knob = "SOUK_TEST_KNOB_FOR_SCALE_TESTS";
        try
        {
            Environment.SetEnvironmentVariable(knob, null);
            Assert.Equal(Scale.Pick(1_000, 5_000), Scale.Knob(knob, 1_000, 5_000, floor: 200));
            Environment.SetEnvironmentVariable(knob, "250");
            Assert.Equal(250, Scale.Knob(knob, 1_000, 5_000, floor: 200));
            foreach (var bad in new[] { "199", "0", "-5", "lots" })
            {
                Environment.SetEnvironmentVariable(knob, bad);
                var refused = Assert.Throws<InvalidOperationException>(() => Scale.Knob(knob, 1_000, 5_000, floor: 200));
                Assert.Contains("floor of 200", refused.Message);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(knob, null);
        }
    }
}
