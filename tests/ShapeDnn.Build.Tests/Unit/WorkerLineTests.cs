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

    [TestCase("» Loading dataset data/x", WorkerLineKind.Message)]
    [TestCase("  [1] training WRN-10-1 — initial sample", WorkerLineKind.Message)]
    [TestCase("SDNN013: looks like an error but is on stdout", WorkerLineKind.Message)]
    public void Should_treat_other_stdout_lines_as_messages(string text, WorkerLineKind kind) =>
        Assert.That(WorkerLine.FromStdout(text).Kind, Is.EqualTo(kind));

    [Test]
    public void Should_read_a_progress_event_from_stdout()
    {
        var line = WorkerLine.FromStdout("""{"v":1,"event":"phase","phase":"searching","text":"Searching 2 feasible shapes"}""");
        Assert.That((line.Kind, line.Event?.PhaseValue), Is.EqualTo((WorkerLineKind.Event, (ShapeDnn.Engine.SearchPhase?)ShapeDnn.Engine.SearchPhase.Searching)));
    }

    [Test]
    public void Should_make_an_event_of_another_protocol_an_error_that_names_the_fix()
    {
        var line = WorkerLine.FromStdout("""{"v":7,"event":"phase"}""");
        Assert.That((line.Kind, line.Code), Is.EqualTo((WorkerLineKind.Error, "SDNN099")));
        Assert.That(line.Text, Does.Contain("ShapeDnnToolPath"));
    }
}
