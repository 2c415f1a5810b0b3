namespace ShapeDnn.Tensors;

/// <summary>A named fp32 tensor held in managed memory (row-major, PyTorch layout).</summary>
/// <param name="Name">Tensor name as in <see cref="DesignSpace.NetworkPlan"/>.</param>
/// <param name="Dimensions">Dimensions.</param>
/// <param name="Data">Elements, row-major; length equals the product of the dimensions.</param>
public sealed record NamedTensor(string Name, int[] Dimensions, float[] Data)
{
    /// <summary>Number of elements implied by <see cref="Dimensions"/>.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (a, d) => a * d);
}
