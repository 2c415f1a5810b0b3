using System.CommandLine;
using System.Globalization;
using ShapeDnn.Data;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Arguments;

/// <summary>The kinds of value an option takes; each kind has one check, in <see cref="OptionSpec.Check"/>.</summary>
internal enum OptionKind
{
    /// <summary>A switch without a value (<c>--json</c>).</summary>
    Flag,
    /// <summary>Free text parsed by its own parser (constraints, goal, budget, design space, names); may be blank.</summary>
    Text,
    /// <summary>A whole number within <see cref="OptionSpec.Min"/> … <see cref="OptionSpec.Max"/>.</summary>
    Count,
    /// <summary>One of <see cref="OptionSpec.Choices"/> (case-insensitive).</summary>
    Choice,
    /// <summary>A folder that must exist (a dataset, a libtorch).</summary>
    ExistingFolder,
    /// <summary>A folder that is created if missing (output, cache); must not be a file.</summary>
    Folder,
    /// <summary>A file that must exist.</summary>
    ExistingFile,
    /// <summary>A file to write, whose folder must exist.</summary>
    NewFile,
}

/// <summary>
/// An option, declared once (in <see cref="CliOptions"/>): its name, help text, the kind of its value
/// and that kind's limits. <see cref="CommandLine.Check"/> checks every value given against its kind
/// before any command runs, so a new option cannot skip validation: to be accepted at all it needs a
/// spec, and the spec's kind brings its check and its limits. Each command that takes it builds its
/// System.CommandLine symbol from it (<see cref="Symbol"/>), so the help, the completion and the
/// check cannot disagree.
/// </summary>
/// <param name="Name">The option, e.g. <c>--batch-size</c>.</param>
/// <param name="Kind">What the value must be.</param>
/// <param name="Help">One line for <c>--help</c>.</param>
/// <param name="ValueName">The value's name in the help, e.g. <c>DIR</c>; null for a flag.</param>
/// <param name="Min">Smallest value of a <see cref="OptionKind.Count"/>.</param>
/// <param name="Max">Largest value of a <see cref="OptionKind.Count"/> (a documented limit, see <see cref="Limits"/>).</param>
/// <param name="Code">The code of a path that is missing or of the wrong kind (SDNN010 for a dataset, SDNN015 for libtorch …).</param>
/// <param name="Choices">The values of a <see cref="OptionKind.Choice"/>.</param>
internal sealed record OptionSpec(string Name, OptionKind Kind, string Help, string? ValueName = null, int Min = 0, int Max = 0,
    ErrorCode Code = ErrorCode.BadOption, string[]? Choices = null)
{
    /// <summary>What a required option names (<c>--data is required (the dataset folder)</c>); null when the option may be left out.</summary>
    public string? RequiredWhat { get; init; }

    public static OptionSpec Flag(string name, string help) => new(name, OptionKind.Flag, help);
    public static OptionSpec Text(string name, string valueName, string help) => new(name, OptionKind.Text, help, valueName);
    public static OptionSpec Count(string name, string valueName, int min, int max, string help) => new(name, OptionKind.Count, help, valueName, min, max);
    public static OptionSpec Choice(string name, string help, params string[] choices) => new(name, OptionKind.Choice, help, string.Join('|', choices), Choices: choices);
    public static OptionSpec ExistingFolder(string name, ErrorCode code, string help) => new(name, OptionKind.ExistingFolder, help, "DIR", Code: code);
    public static OptionSpec Folder(string name, ErrorCode code, string help) => new(name, OptionKind.Folder, help, "DIR", Code: code);
    public static OptionSpec ExistingFile(string name, string help) => new(name, OptionKind.ExistingFile, help, "FILE");
    public static OptionSpec NewFile(string name, ErrorCode code, string help) => new(name, OptionKind.NewFile, help, "FILE", Code: code);

    /// <summary>This option as a command requires it: left out, the command fails with <c>{Name} is required ({what})</c>.</summary>
    public OptionSpec Required(string what) => this with { RequiredWhat = what };

    /// <summary>A System.CommandLine option for one command (a symbol belongs to the command it is added to).</summary>
    public Option Symbol()
    {
        if (Kind == OptionKind.Flag)
            return new Option<bool>(Name) { Description = Help, Arity = ArgumentArity.Zero };
        var option = new Option<string>(Name) { Description = Help, HelpName = ValueName, Arity = ArgumentArity.ExactlyOne, Required = RequiredWhat is not null };
        if (Choices is { } choices) option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>Checks <paramref name="value"/> against this option's kind.</summary>
    /// <exception cref="ShapeDnnException">The value's problem, with this option's name and code.</exception>
    public void Check(string value)
    {
        if (Kind != OptionKind.Text && string.IsNullOrWhiteSpace(value))
            throw CommandLine.Error($"{Name} needs a value, not an empty string");
        switch (Kind)
        {
            case OptionKind.Count:
                if (!long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) || n < Min || n > Max)
                    throw CommandLine.Error($"{Name} must be a whole number from {Min:N0} to {Max:N0}, not '{value}'");
                break;
            case OptionKind.Choice:
                if (!Choices!.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
                    throw CommandLine.Error($"{Name} '{value}' is not one of {string.Join(", ", Choices!)}{Suggestions.DidYouMean(value, Choices!)}");
                break;
            case OptionKind.ExistingFolder:
                if (DatasetLoader.FolderProblem(value) is { } missing)
                    throw PathError($"{Name} '{value}' {missing}; give an existing folder");
                break;
            case OptionKind.Folder:
                if (File.Exists(value))
                    throw PathError($"{Name} '{value}' is a file, not a folder; give a folder (it is created if missing)");
                break;
            case OptionKind.ExistingFile:
                if (!File.Exists(value))
                    throw CommandLine.Error($"{Name} '{value}' {(Directory.Exists(value) ? "is a folder, not a file" : "does not exist")}");
                break;
            case OptionKind.NewFile:
                if (Directory.Exists(value))
                    throw PathError($"{Name} '{value}' is a folder, not a file; give the path of the file to write");
                string folder = Path.GetDirectoryName(Path.GetFullPath(value)) ?? "";
                if (DatasetLoader.FolderProblem(folder) is { } noFolder)
                    throw PathError($"{Name} '{value}': its folder '{folder}' {noFolder}; create the folder first");
                break;
        }
    }

    private ShapeDnnException PathError(string what) => new(Code, what + ".");
}
