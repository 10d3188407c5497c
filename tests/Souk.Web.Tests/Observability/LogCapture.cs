using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Souk.Web.Tests.Observability;

/// <summary>One captured log line: what the JSON console would print — message, structured properties and scopes.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Properties, string? Exception)
{
    /// <summary>Everything of the line as text, for checks that nothing personal appears anywhere in it.</summary>
    public string AllText => string.Join(" | ", new[] { Category, Message, Exception ?? "" }.Concat(Properties.Select(p => $"{p.Key}={p.Value}")));
}

/// <summary>A logger provider that keeps every line with its state and scope properties (scopes flattened, inner wins).</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Lines { get; } = new();

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, string?>();
            capture._scopes.ForEachScope((scope, props) => Add(props, scope), properties);
            Add(properties, state);
            capture.Lines.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), properties, exception?.ToString()));
        }

        private static void Add(Dictionary<string, string?> properties, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (key, value) in pairs)
                    properties[key] = value is System.Collections.IEnumerable list and not string
                        ? string.Join(",", list.Cast<object?>())
                        : value?.ToString();
            else if (state is not null)
                properties[$"scope:{properties.Count}"] = state.ToString();
        }
    }
}
