namespace Souk.Web.Operations;

/// <summary>A command-line mistake: the command prints the sentence and its usage, and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// One option of a command: a flag (<c>--force</c>) or a value (<c>--to FILE</c>), perhaps required, perhaps limited to
/// some choices (the first is the default). Checked while parsing, so a bad command line is refused before any
/// database is touched.
/// </summary>
public sealed record CommandOption(string Name, bool IsFlag = false, bool Required = false, params string[] Choices);

/// <summary>
/// A command's own options, parsed strictly: <c>--name value</c> or <c>--name=value</c> for a value, <c>--name</c> for
/// a flag. An option whose name holds a colon (<c>--Souk:Database:Provider Postgres</c>,
/// <c>--ConnectionStrings:Souk "…"</c>) or <c>--environment</c> is a configuration switch, passed on to the same
/// configuration the server reads; anything else is a usage error rather than silently ignored.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    public List<string> ConfigurationArgs { get; } = [];
    public bool HelpRequested { get; private set; }

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<CommandOption> options)
    {
        var flagOptions = options.Where(o => o.IsFlag).Select(o => o.Name).ToList();
        var valueOptions = options.Where(o => !o.IsFlag).Select(o => o.Name).ToList();
        var line = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                line.HelpRequested = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"Unexpected argument '{arg}'.");
            var equals = arg.IndexOf('=');
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            string? inline = equals < 0 ? null : arg[(equals + 1)..];
            string TakeValue()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"--{name} needs a value.");
                return args[++i];
            }

            if (flagOptions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (inline is not null) throw new UsageException($"--{name} takes no value.");
                line._flags.Add(name);
            }
            else if (valueOptions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (!line._values.TryAdd(name, TakeValue())) throw new UsageException($"--{name} is given twice.");
            }
            else if (name.Contains(':') || name.Equals("environment", StringComparison.OrdinalIgnoreCase))
            {
                line.ConfigurationArgs.Add($"--{name}={TakeValue()}");
            }
            else
            {
                throw new UsageException($"Unknown option --{name}.");
            }
        }
        if (line.HelpRequested) return line;
        foreach (var option in options)
        {
            var value = line.Value(option.Name);
            if (option.Required && string.IsNullOrEmpty(value)) throw new UsageException($"--{option.Name} is required.");
            if (value is not null && option.Choices.Length > 0)
            {
                var choice = option.Choices.FirstOrDefault(c => c.Equals(value, StringComparison.OrdinalIgnoreCase))
                    ?? throw new UsageException($"--{option.Name} must be {string.Join(" or ", option.Choices)}, not '{value}'.");
                line._values[option.Name] = choice;
            }
            else if (value is null && option.Choices.Length > 0)
            {
                line._values[option.Name] = option.Choices[0];
            }
        }
        return line;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    /// <summary>A required option's value (checked while parsing).</summary>
    public string Required(string name) => Value(name) ?? throw new UsageException($"--{name} is required.");
}
