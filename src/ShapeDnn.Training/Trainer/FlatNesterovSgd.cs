using static TorchSharp.torch;

namespace ShapeDnn.Training.Trainer;

/// <summary>
/// SGD with Nesterov momentum and L2 weight decay over <see cref="FlatParameters"/>: the update of
/// <c>torch.optim.SGD(nesterov: true)</c> (dampening 0), computed on the flat buffers, so one step is
/// about seven kernels whatever the number of parameters.
/// </summary>
/// <remarks>
/// Per element: g ← ∇ + λ·w; b ← g on the first step, else μ·b + g; w ← w − η·(g + μ·b). The gradient
/// buffer is used as scratch; <see cref="FlatParameters.ZeroGradients"/> clears it before the next
/// backward pass.
/// </remarks>
internal sealed class FlatNesterovSgd(FlatParameters parameters, double momentum, double weightDecay) : IDisposable
{
    private Tensor? _momentum;

    /// <summary>Applies one update with learning rate <paramref name="learningRate"/> to the gradients of the last backward pass.</summary>
    public void Step(double learningRate)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope(); // the scalars below are native objects too
        parameters.GatherGradients();
        var gradient = parameters.Gradient;
        if (weightDecay != 0) gradient.add_(parameters.Master, alpha: weightDecay);
        if (_momentum is null)
            _momentum = gradient.clone().DetachFromDisposeScope();
        else
        {
            _momentum.mul_(momentum).add_(gradient);
        }
        gradient.add_(_momentum, alpha: momentum);
        parameters.Master.add_(gradient, alpha: -learningRate);
        parameters.PublishWeights();
    }

    /// <summary>The momentum buffer (null before the first step): part of a checkpoint.</summary>
    public Tensor? MomentumBuffer => _momentum;

    /// <summary>Replaces the momentum buffer with a copy of <paramref name="values"/> (null: as before the first step), to resume a run.</summary>
    public void RestoreMomentum(Tensor? values)
    {
        _momentum?.Dispose();
        _momentum = values?.clone().DetachFromDisposeScope();
    }

    /// <summary>Frees the momentum buffer.</summary>
    public void Dispose() => _momentum?.Dispose();
}
