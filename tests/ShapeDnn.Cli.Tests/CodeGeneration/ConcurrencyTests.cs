namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>One instance serves many threads at once: the session is shared, the per-call state is not.</summary>
public sealed class ConcurrencyTests
{
    [Test]
    public void Should_Give_The_Same_Results_Concurrently_As_Sequentially()
    {
        // Given
        var harness = new GeneratedModelHarness(SampleDescriptions.Tiny());
        using var model = harness.Load(TestPaths.TinyClassifier);
        const int images = 64;
        byte[][] inputs = Enumerable.Range(0, images).Select(i => DirectOnnxRuntime.Pixels(1, seed: 100 + i)).ToArray();
        var sequential = inputs.Select(model.Predict).ToArray();

        // When: eight threads released together, each predicting every image (single and batched calls mixed).
        const int threads = 8;
        var concurrent = new Prediction[threads][];
        var failures = new Exception?[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                var results = new Prediction[images];
                for (int i = 0; i < images; i++)
                    results[i] = (i + t) % 3 == 0 ? model.PredictBatch([inputs[i]])[0] : model.Predict(inputs[i]);
                concurrent[t] = results;
            }
            catch (Exception e)
            {
                failures[t] = e; // an exception escaping a thread would kill the test host
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        // Then
        Assert.That(failures, Has.All.Null);
        for (int t = 0; t < threads; t++)
        {
            for (int i = 0; i < images; i++)
            {
                Assert.That(concurrent[t][i].Probabilities, Is.EqualTo(sequential[i].Probabilities), $"thread {t}, image {i}");
                Assert.That(concurrent[t][i].Class, Is.EqualTo(sequential[i].Class));
            }
        }
    }
}
