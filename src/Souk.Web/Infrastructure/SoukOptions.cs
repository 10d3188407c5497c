namespace Souk.Web.Infrastructure;

/// <summary>Souk's own settings besides the policy: bound from <c>Souk</c>.</summary>
public sealed class SoukOptions
{
    public DevClockOptions DevClock { get; set; } = new();
    public SweeperOptions Sweeper { get; set; } = new();
    public IdempotencyOptions Idempotency { get; set; } = new();

    /// <summary>Admin accounts created (or kept) at start-up; admins cannot register themselves.</summary>
    public List<AdminAccount> Admins { get; set; } = [];

    /// <summary>Seed the demo catalogue and the three demo accounts (on by default in Development).</summary>
    public bool SeedDemoData { get; set; }
}

public sealed class DevClockOptions
{
    /// <summary>Allows <c>POST /api/dev/clock</c> to move Souk's clock (on in Development, off otherwise).</summary>
    public bool Enabled { get; set; }
}

public sealed class SweeperOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Orders claimed per sweep batch.</summary>
    public int BatchSize { get; set; } = 100;
}

public sealed class AdminAccount
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
}

public sealed class IdempotencyOptions
{
    /// <summary>How long an Idempotency-Key and its stored answer are kept (real time); at least 24 h, the API's promise.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
