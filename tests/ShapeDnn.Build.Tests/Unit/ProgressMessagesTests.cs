using Microsoft.Build.Framework;
using ShapeDnn.Build.Tasks;
using ShapeDnn.Progress;

namespace ShapeDnn.Build.Tests.Unit;

/// <summary>What the build says for each progress event: the facts a user waits for at high importance, details at normal.</summary>
internal sealed class ProgressMessagesTests
{
    private static List<ProgressMessage> Messages(params string[] lines)
    {
        var messages = new ProgressMessages("TinyModel");
        return lines.Select(l => messages.For(SearchEvent.TryParse(l)!)).OfType<ProgressMessage>().ToList();
    }

    [Test]
    public void Should_say_the_phase_the_shape_k_of_n_each_epoch_s_accuracy_and_the_time_left_at_high_importance()
    {
        var messages = Messages(
            """{"v":1,"event":"phase","phase":"searching","text":"Searching 2 feasible shapes"}""",
            """{"v":1,"event":"search","feasible":2,"proposed":0,"finished":0,"running":0,"spentShapes":0,"maxShapes":2}""",
            """{"v":1,"event":"search","feasible":2,"proposed":1,"finished":0,"running":1,"spentShapes":0,"maxShapes":2}""",
            """{"v":1,"event":"proposed","shape":"WRN-10-1","round":1,"why":"first: the cheapest feasible shape","cached":false}""",
            """{"v":1,"event":"progress","shape":"WRN-10-1","epoch":1,"epochs":2,"batch":3,"batches":6,"loss":1.5,"elapsedSeconds":2}""",
            """{"v":1,"event":"search","feasible":2,"proposed":1,"finished":0,"running":1,"spentShapes":0.5,"maxShapes":2,"secondsLeft":75}""",
            """{"v":1,"event":"epoch","shape":"WRN-10-1","statistics":{"epoch":1,"trainLoss":1.4,"validationAccuracy":0.612,"seconds":5,"nativeMemoryBytes":0}}""",
            """{"v":1,"event":"search","feasible":2,"proposed":1,"finished":1,"running":0,"spentShapes":1,"maxShapes":2,"secondsLeft":40}""",
            """{"v":1,"event":"trained","shape":"WRN-10-1","validationAccuracy":0.7,"cached":false,"seconds":10}""");

        var high = messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Text).ToList();
        Assert.That(high, Is.EqualTo(new[]
        {
            "  TinyModel: » Searching 2 feasible shapes",
            "  TinyModel: shape 1 of 2: training WRN-10-1 — first: the cheapest feasible shape",
            "  TinyModel: [1] WRN-10-1 epoch 1/2: 61.2 % validation accuracy · 1 of 2 shapes proposed, 0.5 of at most 2 trainings spent, at most 1 min 15 s left",
            "  TinyModel: [1] WRN-10-1: 70.0 % validation accuracy in 10 s · 1 of 2 shapes proposed, 1 of at most 2 trainings spent, at most 40 s left",
        }));
        Assert.That(messages.Single(m => m.Text.Contains("batch 3/6")).Importance, Is.EqualTo(MessageImportance.Normal), "batch progress is a detail");
    }

    [Test]
    public void Should_show_the_result_table_once_the_outputs_are_written()
    {
        var messages = new ProgressMessages("TinyModel");
        messages.For(SearchEvent.TryParse("""{"v":1,"event":"phase","phase":"measuring","text":"Measuring"}""")!);
        Assert.That(messages.Results, Is.False);

        messages.For(SearchEvent.TryParse("""{"v":1,"event":"phase","phase":"writing","text":"Writing N.onnx"}""")!);

        Assert.That(messages.Results, Is.True);
    }
}
