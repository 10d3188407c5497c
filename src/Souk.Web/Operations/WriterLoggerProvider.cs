namespace Souk.Web.Operations;

/// <summary>
/// Log lines as plain text on a writer: the commands' logging. Commands write warnings to stderr with it, and
/// <c>seed-demo</c> shows what the demo seeding logs (the accounts it creates) as its own output.
/// </summary>
public sealed class WriterLoggerProvider(TextWriter writer, bool showLevel = false) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new WriterLogger(writer, showLevel);

    public void Dispose()
    {
    }

    private sealed class WriterLogger(TextWriter writer, bool showLevel) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (exception is not null) text += $" ({exception.GetType().Name}: {exception.Message})";
            lock (writer) writer.WriteLine(showLevel ? $"{logLevel.ToString().ToLowerInvariant()}: {text}" : text);
        }
    }
}
