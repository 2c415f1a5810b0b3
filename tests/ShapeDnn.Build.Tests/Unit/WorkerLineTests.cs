using ShapeDnn.Build.Tasks;

namespace ShapeDnn.Build.Tests.Unit;

internal sealed class WorkerLineTests
{
    [Test]
    public void Should_read_an_error_code_from_stderr()
    {
        var line = WorkerLine.FromStderr("SDNN013: No shape meets the limits: MaxLatency excludes 6 of 6 shapes.");
        Assert.That((line.Kind, line.Code, line.Text), Is.EqualTo((WorkerLineKind.Error, "SDNN013", "No shape meets the limits: MaxLatency excludes 6 of 6 shapes.")));
    }

    [Test]
    public void Should_read_a_warning_code_from_stdout()
    {
        var line = WorkerLine.FromStdout("warning SDNN018: MinimizeEnergy rests on an energy estimate");
        Assert.That((line.Kind, line.Code), Is.EqualTo((WorkerLineKind.Warning, "SDNN018")));
    }

    [TestCase("» Loading dataset data/x", WorkerLineKind.Phase)]
    [TestCase("  [1] training WRN-10-1 — initial sample", WorkerLineKind.Message)]
    [TestCase("SDNN013: looks like an error but is on stdout", WorkerLineKind.Message)]
    public void Should_treat_other_stdout_lines_as_messages(string text, WorkerLineKind kind) =>
        Assert.That(WorkerLine.FromStdout(text).Kind, Is.EqualTo(kind));
}
