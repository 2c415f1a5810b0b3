using System.Diagnostics;
using ShapeDnn.Cli.Tests.EndToEnd;

namespace ShapeDnn.Cli.Tests.CommandLine;

/// <summary>
/// Shell completion: the <c>[suggest]</c> directive completes commands, options and option values, and
/// the bash script, sourced in a real bash, turns a half-typed line into those completions.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class CompletionTests
{
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "shapednn-completion-tests");

    private static string[] Suggest(string line)
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, $"[suggest:{line.Length}]", line);
        Assert.That(exit, Is.EqualTo(0), stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Test]
    public void Should_suggest_the_commands() =>
        Assert.That(Suggest("shapednn "), Is.SupersetOf(new[] { "search", "train", "shapes", "profile", "replay", "report", "completion" }));

    [Test]
    public void Should_suggest_a_command_options() =>
        Assert.That(Suggest("shapednn search --"), Is.SupersetOf(new[] { "--data", "--constraints", "--goal", "--time-budget", "--help" }).And.No.Member("--shape"));

    [Test]
    public void Should_suggest_the_values_of_a_choice() =>
        Assert.That(Suggest("shapednn search --device "), Is.EqualTo(new[] { "auto", "cpu", "cuda" }));

    [TestCase("bash", "complete -o default -F _shapednn_complete shapednn")]
    [TestCase("zsh", "compdef _shapednn shapednn")]
    [TestCase("pwsh", "Register-ArgumentCompleter -Native -CommandName shapednn")]
    public void Should_print_a_script_that_asks_shapednn_for_its_completions(string shell, string registration)
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, "completion", shell);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain(registration).And.Contain("[suggest:"));
    }

    [Test]
    public void Should_reject_an_unknown_shell()
    {
        var (exit, _, stderr) = ShapeDnnProcess.Run(Cache, "completion", "fish");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("SDNN009: completion 'fish' is not one of bash, zsh, pwsh"));
    }

    [TestCase("shapednn search --device c", 3, "cpu cuda")]
    [TestCase("shapednn pro", 1, "profile")]
    [TestCase("shapednn search --time-b", 2, "--time-budget")]
    public void Should_complete_in_bash(string line, int word, string expected)
    {
        // shapednn as the script calls it (the first word of the line): here a function that runs the built CLI.
        string script = $"""
            shapednn() {"{"} dotnet '{Path.Combine(AppContext.BaseDirectory, "shapednn.dll")}' "$@"; {"}"}
            source <(shapednn completion bash)
            COMP_LINE='{line}'; COMP_POINT=${"{#COMP_LINE}"}; read -ra COMP_WORDS <<< "$COMP_LINE"; COMP_CWORD={word}
            _shapednn_complete
            echo "${"{COMPREPLY[*]}"}"
            """;
        var info = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["SHAPEDNN_CACHE"] = Cache;
        using var bash = Process.Start(info)!;
        var stderr = bash.StandardError.ReadToEndAsync();
        string stdout = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();

        Assert.That(stdout.Trim(), Is.EqualTo(expected), stderr.Result);
    }
}
