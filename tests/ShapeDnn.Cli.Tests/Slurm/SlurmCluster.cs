namespace ShapeDnn.Cli.Tests.Slurm;

/// <summary>
/// Starts the one local Slurm cluster that every test of this namespace uses, before the first of them,
/// and stops it after the last. Where none can be started, the tests are skipped with the reason.
/// </summary>
[SetUpFixture]
public sealed class SlurmCluster
{
    private static LocalSlurm? _cluster;
    private static string? _whyNot;

    /// <summary>The cluster; skips the calling test (with the reason) when there is none.</summary>
    internal static LocalSlurm Require()
    {
        if (_cluster is null) Assert.Ignore(_whyNot ?? "no local Slurm cluster");
        return _cluster!;
    }

    [OneTimeSetUp]
    public void Start() => _cluster = LocalSlurm.TryStart(out _whyNot);

    [OneTimeTearDown]
    public void Stop()
    {
        _cluster?.Dispose();
        _cluster = null;
    }
}
