namespace ShapeDnn.Core.Tests.Replay;

/// <summary>The ground truth measured for the search (benchmarks/ground-truth), found from the test's folder.</summary>
internal static class GroundTruthFiles
{
    public static string Folder { get; } = Find();

    public static string Gpu => Path.Combine(Folder, "gpu-standard.jsonl");

    public static string Cpu => Path.Combine(Folder, "cpu-quick.jsonl");

    public static string Cases => Path.Combine(Folder, "replay-cases.tsv");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ShapeDnn.sln")))
                return Path.Combine(dir.FullName, "benchmarks", "ground-truth");
        throw new InvalidOperationException("The repository root (ShapeDnn.sln) is not above the test folder.");
    }
}
