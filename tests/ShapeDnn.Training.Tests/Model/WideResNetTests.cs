using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;
using ShapeDnn.Training.Families;
using ShapeDnn.Training.Model;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Model;

public sealed class WideResNetTests
{
    private static readonly object[] Shapes =
    [
        new object[] { new Shape(10, 1), new InputShape(1, 28, 28, 10) },
        new object[] { new Shape(16, 1.5), new InputShape(1, 28, 28, 10) },
        new object[] { new Shape(22, 2), new InputShape(1, 28, 28, 10) },
        new object[] { new Shape(16, 4), new InputShape(3, 32, 32, 10) },
    ];

    [TestCaseSource(nameof(Shapes))]
    public void Learnable_parameters_match_the_plan(Shape shape, InputShape input)
    {
        var plan = WideResNetPlanner.Plan(shape, input);
        using var net = new WideResNet(plan);

        Assert.That(net.ParameterCount, Is.EqualTo(plan.ParameterCount));
        Assert.That(net.parameters().Sum(p => p.numel()), Is.EqualTo(plan.Tensors.Where(t => t.IsLearnable).Sum(t => t.ElementCount)));
    }

    [TestCaseSource(nameof(Shapes))]
    public void Every_parameter_and_statistic_carries_a_plan_name_and_its_dimensions(Shape shape, InputShape input)
    {
        var plan = WideResNetPlanner.Plan(shape, input);
        using var net = new WideResNet(plan);

        var moduleTensors = net.named_parameters().Select(p => (p.name, Dims: p.parameter.shape, Learnable: true))
            .Concat(net.named_buffers().Where(b => !b.name.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                .Select(b => (b.name, Dims: b.buffer.shape, Learnable: false)))
            .OrderBy(t => t.name, StringComparer.Ordinal)
            .Select(t => $"{t.name}[{string.Join(",", t.Dims)}]{(t.Learnable ? "" : " stat")}");
        var planTensors = plan.Tensors.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => $"{t.Name}[{string.Join(",", t.Dimensions)}]{(t.IsLearnable ? "" : " stat")}");

        Assert.That(moduleTensors, Is.EqualTo(planTensors));
    }

    [Test]
    public void Weights_round_trip_through_named_tensors_in_plan_order()
    {
        var plan = WideResNetPlanner.Plan(new Shape(16, 1.5), new InputShape(1, 28, 28, 10));
        var weights = RandomWeights.Create(plan, seed: 7, randomBatchNormStatistics: true);
        using var net = new WideResNet(plan);

        net.ImportTensors(weights);
        var exported = net.ExportTensors();

        Assert.That(exported.Select(t => t.Name), Is.EqualTo(plan.Tensors.Select(t => t.Name)));
        for (int i = 0; i < weights.Count; i++)
        {
            Assert.That(exported[i].Dimensions, Is.EqualTo(weights[i].Dimensions), weights[i].Name);
            Assert.That(exported[i].Data.AsSpan().SequenceEqual(weights[i].Data), Is.True, weights[i].Name);
        }
    }

    [Test]
    public void Imported_weights_reproduce_the_outputs_of_the_network_they_came_from()
    {
        var plan = WideResNetPlanner.Plan(new Shape(10, 1), new InputShape(3, 32, 32, 4));
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var source = new WideResNet(plan);
        using var target = new WideResNet(plan);
        var input = randn(2, 3, 32, 32);
        // A training-mode pass moves the batch-norm statistics away from their initial values.
        source.train();
        source.forward(input);
        source.eval();
        target.eval();

        target.ImportTensors(source.ExportTensors());

        Assert.That(target.forward(input).data<float>().ToArray(), Is.EqualTo(source.forward(input).data<float>().ToArray()));
    }

    [Test]
    public void Forward_gives_one_logit_per_class_per_image()
    {
        var plan = WideResNetPlanner.Plan(new Shape(16, 1.5), new InputShape(1, 28, 28, 7));
        using var scope = NewDisposeScope();
        using var net = new WideResNet(plan);
        net.eval();

        var output = net.forward(zeros(5, 1, 28, 28));

        Assert.That(output.shape, Is.EqualTo(new long[] { 5, 7 }));
    }

    [Test]
    public void Wrong_dimensions_are_rejected_with_the_tensor_name()
    {
        var plan = WideResNetPlanner.Plan(new Shape(10, 1), new InputShape(1, 28, 28, 10));
        var weights = RandomWeights.Create(plan, seed: 1).ToList();
        weights[0] = weights[0] with { Dimensions = [16, 1, 9, 1] };
        using var net = new WideResNet(plan);

        var e = Assert.Throws<ArgumentException>(() => net.ImportTensors(weights));

        Assert.That(e!.Message, Does.Contain("stem.weight"));
    }
}
