using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;
using ShapeDnn.Training.Families;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Families.Mobile;

public sealed class MobileNetTests
{
    // depth, width, C, H, W, classes: a block per stage and several per stage, narrow (8-channel floor),
    // fractional and wide multipliers, grey and colour, square and odd sizes.
    private static readonly object[] Shapes =
    [
        new object[] { 23, 0.25, 1, 28, 28, 10 },
        new object[] { 29, 0.5, 1, 28, 28, 10 },
        new object[] { 35, 0.75, 3, 32, 32, 10 },
        new object[] { 53, 1.0, 3, 32, 32, 100 },
        new object[] { 26, 1.4, 3, 27, 21, 4 },
    ];

    private static MobileNetPlan Plan(int depth, double width, int channels, int height, int imageWidth, int classes) =>
        MobileNetPlanner.Plan(new Shape(MobileFamily.FamilyId, depth, width), new InputShape(channels, height, imageWidth, classes));

    [TestCaseSource(nameof(Shapes))]
    public void Learnable_parameters_match_the_analytic_count(int depth, double width, int channels, int height, int imageWidth, int classes)
    {
        var plan = Plan(depth, width, channels, height, imageWidth, classes);
        using var net = new MobileNet(plan);

        TestContext.Out.WriteLine($"{plan.Shape.Name} on {plan.Input}: {net.ParameterCount:N0} parameters (analytic {plan.ParameterCount:N0}), {plan.MultiplyAccumulates:N0} MACs");
        Assert.That(net.ParameterCount, Is.EqualTo(plan.ParameterCount));
    }

    [TestCaseSource(nameof(Shapes))]
    public void Every_parameter_and_statistic_carries_a_plan_name_and_its_dimensions(int depth, double width, int channels, int height, int imageWidth, int classes)
    {
        var plan = Plan(depth, width, channels, height, imageWidth, classes);
        using var net = new MobileNet(plan);

        var moduleTensors = net.named_parameters().Select(p => (p.name, Dims: p.parameter.shape, Learnable: true))
            .Concat(net.named_buffers().Where(b => !b.name.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                .Select(b => (b.name, Dims: b.buffer.shape, Learnable: false)))
            .Select(t => $"{t.name}[{string.Join(",", t.Dims)}]{(t.Learnable ? "" : " stat")}")
            .Order(StringComparer.Ordinal);
        var planTensors = plan.Tensors
            .Select(t => $"{t.Name}[{string.Join(",", t.Dimensions)}]{(t.IsLearnable ? "" : " stat")}")
            .Order(StringComparer.Ordinal);

        Assert.That(moduleTensors, Is.EqualTo(planTensors));
    }

    [Test]
    public void Parameters_follow_the_plans_order()
    {
        // Flat parameters and checkpoints rely on one fixed order.
        var plan = Plan(29, 0.5, 1, 28, 28, 10);
        using var net = new MobileNet(plan);

        Assert.That(net.named_parameters().Select(p => p.name), Is.EqualTo(plan.Tensors.Where(t => t.IsLearnable).Select(t => t.Name)));
    }

    [Test]
    public void The_logits_of_a_batch_have_one_row_per_image_and_one_column_per_class()
    {
        var plan = Plan(29, 0.5, 3, 27, 21, 4);
        using var scope = NewDisposeScope();
        using var net = new MobileNet(plan);
        net.eval();

        using var noGrad = no_grad();
        var logits = net.forward(randn(2, 3, 27, 21));

        Assert.That(logits.shape, Is.EqualTo(new long[] { 2, 4 }));
    }

    [Test]
    public void Weights_round_trip_through_named_tensors_in_plan_order()
    {
        var plan = Plan(29, 0.75, 1, 28, 28, 10);
        var weights = MobileRandomWeights(plan);
        using var net = new MobileNet(plan);

        net.ImportTensors(weights);
        var exported = net.ExportTensors();

        Assert.That(exported.Select(t => t.Name), Is.EqualTo(plan.Tensors.Select(t => t.Name)));
        for (int i = 0; i < weights.Count; i++)
            Assert.That(exported[i].Data.AsSpan().SequenceEqual(weights[i].Data), Is.True, weights[i].Name);
    }

    [Test]
    public void Imported_weights_reproduce_the_outputs_of_the_network_they_came_from()
    {
        var plan = Plan(26, 0.5, 3, 32, 32, 4);
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var source = new MobileNet(plan);
        using var target = new MobileNet(plan);
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
    public void A_tensor_of_the_wrong_shape_is_refused_by_name()
    {
        var plan = Plan(23, 0.5, 1, 28, 28, 10);
        var weights = MobileRandomWeights(plan).ToList();
        int i = weights.FindIndex(t => t.Name == "stage2.block0.depthwise.conv.weight");
        weights[i] = new NamedTensor(weights[i].Name, [weights[i].Dimensions[0], 2, 3, 3], new float[weights[i].Data.Length * 2]);
        using var net = new MobileNet(plan);

        Assert.That(() => net.ImportTensors(weights), Throws.ArgumentException.With.Message.Contains("stage2.block0.depthwise.conv.weight"));
    }

    [Test]
    public void The_family_registry_builds_the_mobile_module()
    {
        var plan = Plan(23, 0.5, 1, 28, 28, 10);

        using var net = ShapeNetworks.Create(plan);

        Assert.That(net, Is.InstanceOf<MobileNet>());
        Assert.That(net.GetName(), Is.EqualTo("Mobile-23-0.5"));
    }

    private static IReadOnlyList<NamedTensor> MobileRandomWeights(MobileNetPlan plan) =>
        RandomWeights.Create(plan, seed: 7, randomBatchNormStatistics: true);
}
