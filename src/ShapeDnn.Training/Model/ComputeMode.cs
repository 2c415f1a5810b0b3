using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Model;

/// <summary>
/// How a <see cref="ShapeNetwork"/> computes: in bf16 from fp32 master weights (TorchSharp's missing
/// autocast), and/or with channels-last (NHWC) activations. The default computes exactly as the
/// plain modules do, which keeps CPU training and the ONNX parity tests unchanged.
/// </summary>
internal sealed class ComputeMode
{
    /// <summary>Compute convolutions and the classifier in bf16.</summary>
    public bool Bf16 { get; set; }

    /// <summary>Keep activations channels-last (TorchSharp 0.107 has no memory_format argument; a permuted contiguous copy is the same layout).</summary>
    public bool ChannelsLast { get; set; }

    /// <summary>
    /// bf16 weights to compute with instead of casting the fp32 parameters on every pass, by parameter
    /// (reference equality); set by the trainer's flat parameter store. Null: cast per pass.
    /// </summary>
    public IReadOnlyDictionary<Tensor, Tensor>? Bf16Weights { get; set; }

    /// <summary>Whether anything differs from the plain modules.</summary>
    public bool IsPlain => !Bf16 && !ChannelsLast;

    /// <summary>Runs <paramref name="conv"/> on <paramref name="input"/> in this mode (<paramref name="groups"/> as the module has them: the channels for a depthwise convolution).</summary>
    public Tensor Conv(Conv2d conv, Tensor input, long stride, long padding, long groups = 1)
    {
        if (IsPlain) return conv.forward(input);
        var x = Bf16 && input.dtype != ScalarType.BFloat16 ? input.to(ScalarType.BFloat16) : input;
        if (ChannelsLast && x.dim() == 4 && x.shape[1] > 1 && !IsChannelsLast(x)) x = ToChannelsLast(x);
        var weight = (Tensor)conv.weight!;
        if (Bf16 && Bf16Weights is not null && Bf16Weights.TryGetValue(weight, out var prepared))
            weight = prepared; // already bf16 and laid out as the store was asked to
        else if (Bf16)
            // One cast kernel per convolution, which autocast pays too; .to keeps a permuted tensor's strides,
            // so with channels-last the cast also produces the NHWC weight cuDNN wants.
            weight = ChannelsLast ? weight.permute(0, 2, 3, 1).to(ScalarType.BFloat16).permute(0, 3, 1, 2) : weight.to(ScalarType.BFloat16);
        return nn.functional.conv2d(x, weight, null, [stride, stride], [padding, padding], groups: groups);
    }

    /// <summary>Runs the classifier <paramref name="fc"/> in this mode; the logits come back in fp32 for the loss.</summary>
    public Tensor Linear(Linear fc, Tensor input)
    {
        if (!Bf16) return fc.forward(input);
        var logits = nn.functional.linear(input.to(ScalarType.BFloat16), InBf16((Tensor)fc.weight!), InBf16((Tensor)fc.bias!));
        return logits.to(ScalarType.Float32);
    }

    private Tensor InBf16(Tensor parameter) =>
        Bf16Weights is not null && Bf16Weights.TryGetValue(parameter, out var prepared) ? prepared : parameter.to(ScalarType.BFloat16);

    /// <summary>The same values in NHWC memory order, still indexed N × C × H × W.</summary>
    public static Tensor ToChannelsLast(Tensor x) => x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>Whether <paramref name="x"/> (4-d) is laid out channels-last.</summary>
    public static bool IsChannelsLast(Tensor x)
    {
        var s = x.stride();
        return s[1] == 1 && s[3] == x.shape[1] && s[2] == x.shape[1] * x.shape[3];
    }
}
