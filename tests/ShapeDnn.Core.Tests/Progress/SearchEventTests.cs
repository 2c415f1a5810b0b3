using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Progress;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Progress;

/// <summary>The progress stream: what the writer sends reads back as the same facts, one versioned JSON object a line.</summary>
public class SearchEventTests
{
    private static List<SearchEvent> Written(Action<SearchEventWriter> send)
    {
        var text = new StringWriter();
        send(new SearchEventWriter(text));
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => SearchEvent.TryParse(l)!).ToList();
    }

    [Test]
    public void Should_write_every_observer_event_as_one_line_that_reads_back()
    {
        var shape = new Shape(16, 1);
        var events = Written(w =>
        {
            w.Phase(SearchPhase.Profiling, "Profiling 5 shapes");
            w.Profiling(2, 5, shape);
            w.TrainingStarted(shape, 1, "first", fromCache: false);
            w.TrainingProgress(shape, new TrainingProgress(1, 4, 3, 12, 1.5, TimeSpan.FromSeconds(2)));
            w.EpochFinished(shape, new EpochStatistics(1, 1.4, 0.61, 3.2, 1000));
            w.TrainingFinished(shape, 0.79, fromCache: false, 12.5);
            w.TrainingStopped(shape, 2, "stopped after epoch 2");
            w.TrainingSkipped(shape, "out of memory");
            w.SearchProgress(new SearchProgress(5, 2, 1, 1, 1.25, 4, 80.54));
        });

        Assert.That(events.Select(e => e.Event), Is.EqualTo(SearchEvent.Names));
        Assert.That(events.All(e => e.V == SearchEvent.CurrentVersion));
        Assert.That((events[0].PhaseValue, events[0].Text), Is.EqualTo(((SearchPhase?)SearchPhase.Profiling, "Profiling 5 shapes")));
        Assert.That((events[1].Index, events[1].Count, events[1].Shape), Is.EqualTo(((int?)3, (int?)5, "WRN-16-1")), "profiling k of n, 1-based");
        Assert.That((events[2].Round, events[2].Cached), Is.EqualTo(((int?)1, (bool?)false)));
        Assert.That((events[3].Epoch, events[3].Batch, events[3].Batches), Is.EqualTo(((int?)1, (int?)3, (int?)12)));
        Assert.That(events[4].Statistics!.ValidationAccuracy, Is.EqualTo(0.61));
        Assert.That(events[5].ValidationAccuracy, Is.EqualTo(0.79));
        Assert.That((events[6].Epoch, events[7].Reason), Is.EqualTo(((int?)2, "out of memory")));
        Assert.That(events[8].ToProgress(), Is.EqualTo(new SearchProgress(5, 2, 1, 1, 1.25, 4, 80.5)));
    }

    [Test]
    public void Should_leave_out_a_time_left_that_is_not_known_yet()
    {
        var line = new SearchEvent { Event = "search", Feasible = 3, SecondsLeft = null }.ToLine();

        Assert.That(line, Does.Not.Contain("secondsLeft"));
        Assert.That(SearchEvent.TryParse(line)!.ToProgress().SecondsLeft, Is.Null);
    }

    [TestCase("""{"v":2,"event":"phase"}""")]
    [TestCase("""{"v":1,"event":"nonsense"}""")]
    [TestCase("""{"v":1,"event":""")]
    public void Should_refuse_a_line_of_another_protocol(string line)
    {
        var ex = Assert.Throws<ShapeDnnException>(() => SearchEvent.TryParse(line));
        Assert.That(ex!.Code, Is.EqualTo(ErrorCode.Internal));
    }

    [Test]
    public void Should_not_take_other_text_for_an_event() =>
        Assert.That(SearchEvent.TryParse("libtorch: some native message"), Is.Null);
}
