namespace ShapeDnn.Training.Trainer;

/// <summary>Arithmetic used for training. TorchSharp has no autocast; see <see cref="Bf16"/> for how mixed precision is done.</summary>
public enum TrainingPrecision
{
    /// <summary>Full fp32 (the CPU default; exact and slow on a GPU).</summary>
    Fp32,

    /// <summary>fp32 tensors with TF32 tensor-core math in cuDNN convolutions and cuBLAS matrix products (CUDA only; ignored on the CPU).</summary>
    Tf32,

    /// <summary>
    /// bf16 mixed precision as PyTorch's autocast does it: convolutions and the classifier compute
    /// in bf16 from a bf16 copy of their fp32 master weights (refreshed once per step; autocast casts
    /// per pass, with the same values), their gradients are widened to fp32 and the optimiser stays
    /// fp32; batch norm keeps fp32 parameters and statistics; the loss is computed in fp32.
    /// </summary>
    Bf16,
}
