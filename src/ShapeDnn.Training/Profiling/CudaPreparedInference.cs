using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;
using ShapeDnn.Training.Families;
using ShapeDnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Profiling;

/// <summary>
/// A network of any family with random weights on a CUDA device in eval mode, and a fixed random input batch.
/// <see cref="Run"/> launches forward passes plus softmax (what the deployed app computes) in inference
/// mode back to back, without waiting between them, then synchronises the device once, so that the
/// caller's clock sees the finished work and the host's launches overlap the GPU's execution.
/// </summary>
internal sealed class CudaPreparedInference : IPreparedInference
{
    private readonly ShapeNetwork _model;
    private readonly Tensor _input;
    private readonly Device _device;

    public CudaPreparedInference(NetworkPlan plan, int batchSize, Device device, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _device = device;
        manual_seed(seed);
        _model = ShapeNetworks.Create(plan);
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

    public void Run(int passes)
    {
        using (inference_mode())
        {
            for (int i = 0; i < passes; i++)
            {
                // Freed tensors go back to libtorch's stream-ordered caching allocator: the next pass reuses
                // their memory after the GPU is done with them, no synchronisation needed.
                using var scope = NewDisposeScope();
                var logits = _model.forward(_input);
                _ = logits.softmax(1);
            }
        }
        cuda.synchronize(_device);
    }

    public void Dispose()
    {
        _input?.Dispose();
        _model.Dispose();
    }
}
