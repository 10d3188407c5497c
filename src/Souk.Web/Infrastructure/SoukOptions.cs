namespace Souk.Web.Infrastructure;

/// <summary>Souk's own settings besides the policy: bound from <c>Souk</c>.</summary>
public sealed class SoukOptions
{
    public DevClockOptions DevClock { get; set; } = new();
    public SweeperOptions Sweeper { get; set; } = new();
    public IdempotencyOptions Idempotency { get; set; } = new();
    public WebhookOptions Webhooks { get; set; } = new();
    public TelemetryOptions Telemetry { get; set; } = new();
    public DataProtectionOptions DataProtection { get; set; } = new();

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

    /// <summary>
    /// <c>/health/ready</c> answers 503 when the sweeper (if enabled) has shown no life for more than this many
    /// intervals. Default 10 (10 s at the default interval).
    /// </summary>
    public int ReadyWithinIntervals { get; set; } = 10;
}

/// <summary>
/// How the data-protection keys (they sign the sign-in cookies and bearer tokens) are protected at rest in the database.
/// Without a certificate they are stored readable by anyone who can read the database, and ASP.NET Core warns at start-up.
/// </summary>
public sealed class DataProtectionOptions
{
    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts every new key (ASP.NET Core's <c>ProtectKeysWithCertificate</c>).
    /// Every Souk process needs the same certificate to read the keys.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password, if it has one (give it through an environment variable or a secret store).</summary>
    public string? CertificatePassword { get; set; }
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

public sealed class WebhookOptions
{
    /// <summary>Runs the background dispatcher that sends queued webhook deliveries.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for deliveries due; each pass sends everything due before it sleeps.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries claimed at once; they are sent in parallel (up to <see cref="Parallelism"/>).</summary>
    public int BatchSize { get; set; } = 50;

    public int Parallelism { get; set; } = 8;

    /// <summary>How long a receiver has to answer before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Back-off: the first retry waits this long, each later one twice as long as the one before…</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>…but never longer than this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an event is retried before it is dead-lettered (from when it was written or replayed).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A claimed delivery whose dispatcher died is taken over by another after this long.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Endpoints a store (or the platform) may have at once.</summary>
    public int MaxEndpoints { get; set; } = 10;

    /// <summary>
    /// Allows plain http and private, loopback and link-local addresses as targets (on in Development, off otherwise):
    /// in production a seller must not be able to make Souk call into its own network.
    /// </summary>
    public bool AllowInsecureTargets { get; set; }
}

/// <summary>Metrics and traces (OpenTelemetry): bound from <c>Souk:Telemetry</c>. Nothing is exported unless configured.</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// Where to send metrics and traces over OTLP, e.g. <c>http://collector:4317</c>. Default: none — then the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is used when set, and nothing is exported when neither is.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The OTLP protocol for <see cref="OtlpEndpoint"/>: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Serves the metrics in Prometheus text format at <c>/metrics</c>. Default false; it needs no sign-in, so expose it only to the scraper.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Records traces (ASP.NET Core, HttpClient, EF Core and Souk's own spans). Default: on exactly when an OTLP endpoint is configured.</summary>
    public bool? Tracing { get; set; }

    /// <summary>The service name resource attribute on every metric and span. Default <c>souk</c>.</summary>
    public string ServiceName { get; set; } = "souk";

    /// <summary>How long the backlog gauges (open and escalated disputes, deadlines due) reuse one count. Default 30 s.</summary>
    public TimeSpan BacklogCacheFor { get; set; } = TimeSpan.FromSeconds(30);
}
