using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;
using ShapeDnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Profiling;

/// <summary>
/// A Wide ResNet with random weights on a CUDA device in eval mode, and a fixed random input batch;
/// each <see cref="RunOnce"/> is a forward pass plus softmax (what the deployed app computes) in
/// inference mode, followed by a device synchronisation so that the caller's clock sees the finished work.
/// </summary>
internal sealed class CudaPreparedInference : IPreparedInference
{
    private readonly WideResNet _model;
    private readonly Tensor _input;
    private readonly Device _device;

    public CudaPreparedInference(NetworkPlan plan, int batchSize, Device device, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _device = device;
        manual_seed(seed);
        _model = new WideResNet(plan);
        try
        {
            _model.to(device);
            _model.eval();
            var input = plan.Input;
            _input = randn([batchSize, input.Channels, input.Height, input.Width], device: device);
        }
        catch
        {
            _model.Dispose();
            throw;
        }
    }

    public void RunOnce()
    {
        using (inference_mode())
        using (NewDisposeScope())
        {
            var logits = _model.forward(_input);
            _ = logits.softmax(1);
        }
        cuda.synchronize(_device);
    }

    public void Dispose()
    {
        _input?.Dispose();
        _model.Dispose();
    }
}
