using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Training.Families;
using ShapeDnn.Training.Model;
using ShapeDnn.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Trainer;

/// <summary>
/// The flat-buffer optimiser against TorchSharp's own <c>optim.SGD</c> (the independent reference):
/// the same steps from the same weights must give the same weights, in fp32, with channels-last
/// weight slots, and in bf16 against per-pass casts.
/// </summary>
public sealed class FlatNesterovSgdTests
{
    private const double Momentum = 0.9, WeightDecay = 5e-4;
    private static readonly double[] LearningRates = [0.05, 0.1, 0.07, 0.02];
    private static readonly WideResNetPlan Plan = WideResNetPlanner.Plan(new Shape(10, 1.5), SyntheticShapes.Input);

    [Test]
    public void Flat_steps_equal_torch_sgd_steps_in_fp32()
    {
        var reference = TrainWithTorchSgd(bf16: false, channelsLast: false);
        var flat = TrainFlat(bf16: false, channelsLast: false);
        AssertSameWeights(flat, reference, 1e-5f);
    }

    [Test]
    public void Channels_last_weight_slots_train_like_plain_ones()
    {
        var reference = TrainWithTorchSgd(bf16: false, channelsLast: false);
        var flat = TrainFlat(bf16: false, channelsLast: true);
        AssertSameWeights(flat, reference, 1e-4f);
    }

    [Test]
    public void Bf16_copies_give_the_arithmetic_of_per_pass_casts()
    {
        // Per-pass casts of the fp32 weights and bf16 copies refreshed once per step hold the same bf16
        // values, and a bf16 gradient widened to fp32 is the same either way: one step must agree to
        // fp32 rounding. Later steps drift apart a little more: a last-bit fp32 difference (vectorised
        // vs scalar tail of a kernel) can move a weight across a bf16 rounding boundary.
        AssertSameWeights(TrainFlat(bf16: true, channelsLast: true, steps: 1), TrainWithTorchSgd(bf16: true, channelsLast: true, steps: 1), 1e-5f);
        var reference = TrainWithTorchSgd(bf16: true, channelsLast: true);
        var flat = TrainFlat(bf16: true, channelsLast: true);
        AssertSameWeights(flat, reference, 1e-2f);
        using var fresh = NewModel();
        var untrained = Weights(fresh, out _);
        Assert.That(MaxDifference(flat, untrained), Is.GreaterThan(1e-3f), "the weights moved");
    }

    [Test]
    public void Bf16_copies_are_the_masters_rounded_and_parameters_stay_fp32()
    {
        using var model = NewModel();
        model.SetCompute(bf16: true, channelsLast: true);
        using var parameters = new FlatParameters(model, bf16: true, channelsLast: true);
        using var optimizer = new FlatNesterovSgd(parameters, Momentum, WeightDecay);
        Step(model, parameters, optimizer, 0.1);

        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = Batch();
        var logits = model.forward(input);
        // Computing from the published copies equals computing from fresh casts of the masters.
        model.UseComputeWeights(null);
        var recast = model.forward(input);
        Assert.That((logits - recast).abs().max().item<float>(), Is.EqualTo(0f));
        Assert.That(model.parameters().All(p => p.dtype == ScalarType.Float32), "master weights are fp32");
    }

    private static WideResNet NewModel()
    {
        manual_seed(21);
        return new WideResNet(Plan);
    }

    private static Tensor Batch(int index = 0)
    {
        using var generator = new Generator(100 + (ulong)index);
        return randn([16, Plan.Input.Channels, Plan.Input.Height, Plan.Input.Width], generator: generator);
    }

    private static Tensor Labels(int index)
    {
        using var generator = new Generator(200 + (ulong)index);
        return randint(0, Plan.Input.Classes, [16], ScalarType.Int64, generator: generator);
    }

    private static Dictionary<string, float[]> TrainWithTorchSgd(bool bf16, bool channelsLast, int steps = 4)
    {
        using var model = NewModel();
        model.SetCompute(bf16, channelsLast);
        using var optimizer = optim.SGD(model.parameters(), LearningRates[0], momentum: Momentum, weight_decay: WeightDecay, nesterov: true);
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            foreach (var group in optimizer.ParamGroups) group.LearningRate = LearningRates[i];
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(Batch(i)), Labels(i)).backward();
            optimizer.step();
        }
        return Weights(model, out _);
    }

    private static Dictionary<string, float[]> TrainFlat(bool bf16, bool channelsLast, int steps = 4)
    {
        using var model = NewModel();
        model.SetCompute(bf16, channelsLast);
        using var parameters = new FlatParameters(model, bf16, channelsLast);
        using var optimizer = new FlatNesterovSgd(parameters, Momentum, WeightDecay);
        for (int i = 0; i < steps; i++) Step(model, parameters, optimizer, LearningRates[i], i);
        var weights = Weights(model, out var masterSum);
        using var total = parameters.Master.sum();
        Assert.That(total.item<float>(), Is.EqualTo(masterSum).Within(1e-3 * Math.Max(1, Math.Abs(masterSum))),
            "the module's parameters are views of the flat master buffer");
        return weights;
    }

    private static void Step(WideResNet model, FlatParameters parameters, FlatNesterovSgd optimizer, double learningRate, int batch = 0)
    {
        using var scope = NewDisposeScope();
        parameters.ZeroGradients();
        nn.functional.cross_entropy(model.forward(Batch(batch)), Labels(batch)).backward();
        optimizer.Step(learningRate);
    }

    private static Dictionary<string, float[]> Weights(WideResNet model, out float sum)
    {
        var weights = model.ExportTensors().Where(t => model.named_parameters().Any(p => p.name == t.Name))
            .ToDictionary(t => t.Name, t => t.Data);
        sum = weights.Values.Sum(v => v.Sum());
        return weights;
    }

    private static float MaxDifference(Dictionary<string, float[]> a, Dictionary<string, float[]> b) =>
        a.Max(kv => kv.Value.Zip(b[kv.Key], (x, y) => Math.Abs(x - y)).Max());

    private static void AssertSameWeights(Dictionary<string, float[]> actual, Dictionary<string, float[]> expected, float tolerance)
    {
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
        Assert.That(MaxDifference(actual, expected), Is.LessThan(tolerance));
    }
}
