namespace Souk.Domain.Tests;

public static class Expect
{
    /// <summary>The rule a verb refused with; fails when the verb did not refuse.</summary>
    public static RuleViolation Violation(Action act) => Assert.Throws<RuleViolationException>(act).Violation;
}
