using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Arguments;

/// <summary>
/// A parsed command line: the command, <c>--name value</c> options and <c>--flag</c> switches.
/// Unknown or repeated options are errors, so that a typo never silently changes a search, and every
/// value is checked against its option's <see cref="OptionSpec"/> before the command starts.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    private CommandLine(string command, Dictionary<string, string> values, HashSet<string> flags)
    {
        Command = command;
        _values = values;
        _flags = flags;
    }

    /// <summary>The command (<c>search</c>, <c>shapes</c>, <c>help</c>, <c>version</c>).</summary>
    public string Command { get; }

    /// <summary>Parses <paramref name="args"/> against the options and flags a command accepts.</summary>
    /// <exception cref="ShapeDnnException">SDNN009 for unknown, repeated or value-less options.</exception>
    public static CommandLine Parse(string[] args, IReadOnlyCollection<OptionSpec> specs, IReadOnlyCollection<string> flags)
    {
        var options = specs.Select(s => s.Name).ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var set = new HashSet<string>(StringComparer.Ordinal);
        string command = args[0];
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            string name = arg, value = "";
            bool inline = false;
            int eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                (name, value, inline) = (arg[..eq], arg[(eq + 1)..], true);
            }
            if (flags.Contains(name) && !inline)
            {
                if (!set.Add(name)) throw Error($"{name} is given twice");
                continue;
            }
            if (!options.Contains(name))
                throw Error($"unknown option '{arg}' for '{command}'{Suggestions.DidYouMean(name, options.Concat(flags))}");
            if (!inline)
            {
                if (i + 1 >= args.Length) throw Error($"{name} needs a value");
                value = args[++i];
            }
            if (!values.TryAdd(name, value)) throw Error($"{name} is given twice");
        }
        // In the order given, so that the first mistake on the line is the one reported.
        foreach (var (name, value) in values)
            specs.First(s => s.Name == name).Check(value);
        return new CommandLine(command, values, set);
    }

    /// <summary>The value of <paramref name="option"/>, or null.</summary>
    public string? Value(string option) => _values.GetValueOrDefault(option);

    /// <summary>The value of a required option.</summary>
    /// <exception cref="ShapeDnnException">SDNN009 when absent.</exception>
    public string Required(string option, string what) =>
        _values.TryGetValue(option, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw Error($"{option} is required ({what})");

    /// <summary>Whether <paramref name="flag"/> was given.</summary>
    public bool Flag(string flag) => _flags.Contains(flag);

    /// <summary>A whole-number option (its range was checked by its <see cref="OptionSpec"/>), or <paramref name="fallback"/>.</summary>
    public int Int(string option, int fallback) =>
        Value(option) is { } text ? int.Parse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>An option error.</summary>
    public static ShapeDnnException Error(string what) => new(ErrorCode.BadOption, what + ". Run 'shapednn help' for usage.");
}
