using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Tests;

public sealed class OnnxCpuLatencyProfilerTests
{
    [Test]
    public void Plans_differ_in_work_by_more_than_fifty_times()
    {
        Assert.That(TestModels.Large.MultiplyAccumulates, Is.GreaterThan(50 * TestModels.Tiny.MultiplyAccumulates));
    }

    [Test]
    public void Tiny_model_latency_is_positive_and_ordered()
    {
        var profiler = new OnnxCpuLatencyProfiler(StandInOnnxModel.Build, TestModels.QuickOptions);

        var m = profiler.Measure(TestModels.Tiny, batchSize: 1, CancellationToken.None);

        Assert.That(m.MedianMilliseconds, Is.GreaterThan(0));
        Assert.That(m.P10Milliseconds, Is.GreaterThan(0).And.LessThanOrEqualTo(m.MedianMilliseconds));
        Assert.That(m.P90Milliseconds, Is.GreaterThanOrEqualTo(m.MedianMilliseconds));
        Assert.That(m.Runs, Is.InRange(10, 200));
        Assert.That(m.RelativeSpread, Is.GreaterThanOrEqualTo(0).And.LessThan(100));
        Assert.That(m.BatchSize, Is.EqualTo(1));
        Assert.That(m.Source, Is.EqualTo(FigureSource.Measured));
        Assert.That(m.Device, Is.EqualTo(profiler.DeviceDescription));
    }

    [Test]
    public void A_much_larger_model_measures_slower()
    {
        var profiler = new OnnxCpuLatencyProfiler(StandInOnnxModel.Build, TestModels.QuickOptions);

        var tiny = profiler.Measure(TestModels.Tiny, 1, CancellationToken.None);
        var large = profiler.Measure(TestModels.Large, 1, CancellationToken.None);
        TestContext.Out.WriteLine($"tiny {tiny.MedianMilliseconds:0.000} ms ({tiny.Runs} runs), large {large.MedianMilliseconds:0.000} ms ({large.Runs} runs)");

        Assert.That(large.MedianMilliseconds, Is.GreaterThan(3 * tiny.MedianMilliseconds));
        Assert.That(large.P10Milliseconds, Is.GreaterThan(tiny.P90Milliseconds));
    }

    [Test]
    public void Batch_size_is_honoured()
    {
        var profiler = new OnnxCpuLatencyProfiler(StandInOnnxModel.Build, TestModels.QuickOptions);

        var m = profiler.Measure(TestModels.Tiny, batchSize: 16, CancellationToken.None);

        Assert.That(m.BatchSize, Is.EqualTo(16));
        Assert.That(m.MedianMilliseconds, Is.GreaterThan(0));
    }

    [Test]
    public void Cancellation_is_observed()
    {
        var profiler = new OnnxCpuLatencyProfiler(StandInOnnxModel.Build, TestModels.QuickOptions);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => profiler.Measure(TestModels.Tiny, 1, cancelled.Token));
    }

    [Test]
    public void Fingerprint_names_cpu_cores_threads_runtime_and_os()
    {
        var profiler = new OnnxCpuLatencyProfiler(StandInOnnxModel.Build, TestModels.QuickOptions with { IntraOpThreads = 1 });

        Assert.That(profiler.DeviceFingerprint, Does.Contain($"logical={Environment.ProcessorCount}")
            .And.Contain("threads=1").And.Contain("onnxruntime=1.31.1").And.Contain("os="));
        Assert.That(profiler.DeviceDescription, Does.Contain("ONNX Runtime 1.31.1").And.Contain("1 threads"));
    }

    [Test]
    public void Cpu_model_is_read_from_cpuinfo()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R)  Xeon(R) CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: other\n");
            Assert.That(CpuDeviceInfo.ReadCpuModel(path), Is.EqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz"));
            File.WriteAllText(path, "processor\t: 0\nBogoMIPS\t: 50.00\n\nHardware\t: BCM2835\nModel\t: Raspberry Pi 4 Model B Rev 1.4\n");
            Assert.That(CpuDeviceInfo.ReadCpuModel(path), Is.EqualTo("Raspberry Pi 4 Model B Rev 1.4"));
            Assert.That(CpuDeviceInfo.ReadCpuModel(path + ".missing"), Is.Null);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
