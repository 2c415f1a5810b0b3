using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Arguments;

/// <summary>
/// A command's parsed line: System.CommandLine's parse, checked the way ShapeDnn reports input
/// problems. Unknown, repeated or value-less options are SDNN009 errors, so that a typo never
/// silently changes a search, and every value is checked against its option's <see cref="OptionSpec"/>
/// (in the order given, so that the first mistake on the line is the one reported) before the command starts.
/// </summary>
internal sealed class CommandLine
{
    private readonly ParseResult _result;
    private readonly CliCommand _command;

    private CommandLine(ParseResult result, CliCommand command)
    {
        _result = result;
        _command = command;
    }

    /// <summary>Checks <paramref name="result"/>, the parse of <paramref name="args"/> by <paramref name="command"/>'s symbol.</summary>
    /// <exception cref="ShapeDnnException">SDNN009 for unknown, repeated or value-less options and missing required ones; the code of a bad value's kind.</exception>
    public static CommandLine Check(ParseResult result, IReadOnlyList<string> args, CliCommand command)
    {
        string name = command.Name;
        // System.CommandLine splits "--json=yes" into the flag and an argument; a flag takes no value.
        foreach (var arg in args.SkipWhile(a => a != name).Skip(1))
            if (arg.IndexOf('=') is > 2 and var eq && command.Spec(arg[..eq]) is { Kind: OptionKind.Flag })
                throw Error($"unknown option '{arg}' for '{name}'");

        var consumed = new HashSet<Token>(result.CommandResult.Children.SelectMany(c => c.Tokens), ReferenceEqualityComparer.Instance);
        var given = new List<(OptionSpec Spec, OptionResult Result)>();
        bool pastCommand = false;
        foreach (var token in result.Tokens)
        {
            switch (token.Type)
            {
                case TokenType.Command when !pastCommand:
                    pastCommand = true;
                    break;
                case TokenType.Option when command.Spec(token.Value) is { } spec:
                    var optionResult = result.GetResult(command.Symbol(spec)!)!;
                    if (given.Any(g => g.Spec == spec)) throw Error($"{spec.Name} is given twice");
                    if (spec.Kind != OptionKind.Flag && optionResult.Tokens.Count == 0) throw Error($"{spec.Name} needs a value");
                    given.Add((spec, optionResult));
                    break;
                case TokenType.Directive:
                    break;
                default:
                    if (token.Type == TokenType.Argument && consumed.Contains(token)) break;
                    string optionName = token.Value.IndexOf('=') is > 0 and var at && token.Value.StartsWith("--", StringComparison.Ordinal) ? token.Value[..at] : token.Value;
                    throw Error($"unknown option '{token.Value}' for '{name}'{Suggestions.DidYouMean(optionName, command.Specs.Select(s => s.Name))}");
            }
        }
        foreach (var (spec, optionResult) in given)
            if (spec.Kind != OptionKind.Flag) spec.Check(optionResult.Tokens[0].Value);
        foreach (var spec in command.Specs.Where(s => s.RequiredWhat is not null))
            if (given.FirstOrDefault(g => g.Spec == spec).Result is not { } r || string.IsNullOrWhiteSpace(r.Tokens[0].Value))
                throw Error($"{spec.Name} is required ({spec.RequiredWhat})");
        // Anything System.CommandLine found that the rules above do not name (a positional argument missing, …).
        if (result.Errors.Count > 0) throw Error(result.Errors[0].Message.TrimEnd('.'));
        return new CommandLine(result, command);
    }

    /// <summary>The value of <paramref name="option"/>, or null when not given.</summary>
    public string? Value(OptionSpec option) => Given(option)?.Tokens[0].Value;

    /// <summary>The value of a required option (checked present by <see cref="Check"/>).</summary>
    public string Required(OptionSpec option) =>
        Value(option) ?? throw new InvalidOperationException($"{option.Name} is read as required but {_command.Name} does not require it");

    /// <summary>Whether <paramref name="flag"/> was given.</summary>
    public bool Flag(OptionSpec flag) => Given(flag) is not null;

    /// <summary>A whole-number option (its range was checked by its <see cref="OptionSpec"/>), or <paramref name="fallback"/>.</summary>
    public int Int(OptionSpec option, int fallback) =>
        Value(option) is { } text ? int.Parse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The positional argument <paramref name="argument"/>.</summary>
    public string? Argument(Argument<string> argument) => _result.GetValue(argument);

    /// <summary>An option error.</summary>
    public static ShapeDnnException Error(string what) => new(ErrorCode.BadOption, what + ". Run 'shapednn help' for usage.");

    private OptionResult? Given(OptionSpec option)
    {
        var symbol = _command.Symbol(option) ?? throw new InvalidOperationException($"{_command.Name} does not declare {option.Name}");
        return _result.GetResult(symbol) is { Implicit: false } r ? r : null;
    }
}
