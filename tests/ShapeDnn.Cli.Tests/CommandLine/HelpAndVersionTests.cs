using System.Diagnostics;
using ShapeDnn.Cli.Tests.EndToEnd;

namespace ShapeDnn.Cli.Tests.CommandLine;

/// <summary>The conventional parts of the command line: <c>--help</c>/<c>-h</c> on every command, <c>--version</c> with the commit, the exit codes.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class HelpAndVersionTests
{
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "shapednn-help-tests");

    /// <summary>Every command and an option only it takes, which its help must list.</summary>
    private static readonly (string Command, string Option)[] Commands =
    [
        ("search", "--time-budget"), ("train", "--channel"), ("shapes", "--input"), ("profile", "--batch-sizes"),
        ("replay", "--ground-truth"), ("report", "--out"), ("completion", "SHELL"),
    ];

    public static IEnumerable<TestCaseData> HelpRequests() =>
        Commands.SelectMany(c => new[] { "--help", "-h" }.Select(flag => new TestCaseData(c.Command, flag, c.Option).SetName($"{c.Command} {flag}")))
            .Append(new TestCaseData("search", "help", "--constraints").SetName("help search"));

    [TestCaseSource(nameof(HelpRequests))]
    public void Should_print_the_help_of_every_command(string command, string flag, string option)
    {
        var (exit, stdout, stderr) = flag == "help" ? ShapeDnnProcess.Run(Cache, "help", command) : ShapeDnnProcess.Run(Cache, command, flag);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain($"shapednn {command} ").And.Contain(option), "its usage line and its own options");
        Assert.That(stdout, Does.Contain("--help"));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public void Should_show_a_command_help_even_after_a_mistake()
    {
        var (exit, stdout, _) = ShapeDnnProcess.Run(Cache, "search", "--constraint", "MaxLatency=2ms", "--help");

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("--constraints <TEXT>"));
    }

    [Test]
    public void Should_list_the_commands_and_the_exit_codes_and_fail_without_a_command()
    {
        var (exit, stdout, _) = ShapeDnnProcess.Run(Cache);

        Assert.That(exit, Is.EqualTo(1), "a script that forgot its command must not pass");
        Assert.That(stdout, Does.Contain("search").And.Contain("completion").And.Contain("Exit codes: 0 success; 1 an SDNNxxx error"));
    }

    [TestCase("--version")]
    [TestCase("version")]
    public void Should_print_the_version_and_the_commit_it_was_built_from(string request)
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, request);

        Assert.That(exit, Is.EqualTo(0), stderr);
        // The tests are built from this checkout, so the stamped commit is its HEAD.
        Assert.That(stdout.Trim(), Does.Match(@"^shapednn \d+\.\d+\.\d+ \(commit [0-9a-f]{40}\)$"));
        Assert.That(stdout, Does.Contain(GitHead()));
    }

    private static string GitHead()
    {
        var info = new ProcessStartInfo("git", "rev-parse HEAD") { RedirectStandardOutput = true, WorkingDirectory = ShapeDnnProcess.RepositoryRoot };
        using var git = Process.Start(info)!;
        string head = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return head;
    }
}
