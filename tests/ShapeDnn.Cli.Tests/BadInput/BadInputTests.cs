namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>
/// The table-driven bad-input suite (issue 10): every malformed input to <c>shapednn</c> gets its
/// <c>SDNNxxx</c> code and a message that says what is wrong, exit code 1, no output, no crash (no
/// SDNN099, no stack trace), within a bounded heap and a wall-clock limit. The tables are grouped by
/// topic in <see cref="SearchCases"/>, <see cref="DatasetCases"/> and <see cref="CommandCases"/>.
/// </summary>
[TestFixture, Parallelizable(ParallelScope.Children)]
public sealed class BadInputTests
{
    private static readonly Lazy<BadInputWorkspace> Workspace = new(() => new BadInputWorkspace());

    private static IEnumerable<TestCaseData> Cases(string topic, IEnumerable<BadInputCase> cases) =>
        cases.Select(c => new TestCaseData(c).SetName($"{topic}: {c.Name}").SetCategory("BadInput"));

    public static IEnumerable<TestCaseData> Constraints() => Cases("constraints", SearchCases.Constraints());
    public static IEnumerable<TestCaseData> Goals() => Cases("goals", SearchCases.Goals());
    public static IEnumerable<TestCaseData> DesignSpaces() => Cases("design spaces", SearchCases.DesignSpaces());
    public static IEnumerable<TestCaseData> Budgets() => Cases("budgets", SearchCases.Budgets());
    public static IEnumerable<TestCaseData> BatchSizes() => Cases("batch sizes", SearchCases.BatchSizes());
    public static IEnumerable<TestCaseData> Names() => Cases("names", SearchCases.Names());
    public static IEnumerable<TestCaseData> Folders() => Cases("folders", SearchCases.Folders());
    public static IEnumerable<TestCaseData> Options() => Cases("options", SearchCases.Options());
    public static IEnumerable<TestCaseData> Datasets() => Cases("datasets", DatasetCases.Datasets());
    public static IEnumerable<TestCaseData> Shapes() => Cases("shapes", CommandCases.Shapes());
    public static IEnumerable<TestCaseData> Profile() => Cases("profile", CommandCases.Profile());
    public static IEnumerable<TestCaseData> Train() => Cases("train", CommandCases.TrainCommand());

    [OneTimeTearDown]
    public void DeleteWorkspace()
    {
        if (Workspace.IsValueCreated) Workspace.Value.Dispose();
    }

    [TestCaseSource(nameof(Constraints))]
    [TestCaseSource(nameof(Goals))]
    [TestCaseSource(nameof(DesignSpaces))]
    [TestCaseSource(nameof(Budgets))]
    [TestCaseSource(nameof(BatchSizes))]
    [TestCaseSource(nameof(Names))]
    [TestCaseSource(nameof(Folders))]
    [TestCaseSource(nameof(Options))]
    [TestCaseSource(nameof(Datasets))]
    [TestCaseSource(nameof(Shapes))]
    [TestCaseSource(nameof(Profile))]
    [TestCaseSource(nameof(Train))]
    public void Should_reject_with_its_code_and_no_output(BadInputCase testCase)
    {
        var workspace = Workspace.Value;
        var output = workspace.OutputOf(testCase);

        var run = BoundedCli.Run(workspace.Cache, workspace.Arguments(testCase));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(BadInputCase.ExitCode), run.ToString());
            Assert.That(run.Stderr, Does.StartWith(testCase.Code + ": ").Or.Contain("\n" + testCase.Code + ": "), run.ToString());
            Assert.That(ErrorLine(run.Stderr, testCase.Code), Does.Contain(testCase.Fragment), run.ToString());
            Assert.That(run.All, Does.Not.Contain("SDNN099").And.Not.Contain("   at ").And.Not.Contain("Unhandled exception"), "a crash, not a diagnostic");
            Assert.That(run.All, Does.Not.Contain(".. "), "a doubled full stop");
            if (testCase.Warning is { } warning) Assert.That(run.All, Does.Contain("warning " + warning + ": "), run.ToString());
            Assert.That(!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any(), Is.True, $"'{output}' must stay empty or absent");
        });
    }

    /// <summary>The message printed with <paramref name="code"/>, for the fragment check.</summary>
    private static string ErrorLine(string stderr, string code) =>
        stderr.Split('\n').FirstOrDefault(l => l.StartsWith(code + ": ", StringComparison.Ordinal)) ?? "";
}
