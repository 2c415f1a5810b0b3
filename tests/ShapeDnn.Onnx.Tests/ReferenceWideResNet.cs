using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx.Tests;

/// <summary>
/// A deliberately naive forward pass of the pre-activation Wide ResNet, written straight from the
/// architecture description in <see cref="NetworkPlan"/> and sharing no code with the exporter. It
/// computes in double precision, one image at a time, with plain loops, so that a mistake in the
/// exported graph (layer order, stride, padding, shortcut input, normalisation) shows up as a
/// difference rather than being reproduced.
/// </summary>
internal sealed class ReferenceWideResNet(WideResNetPlan plan, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization)
{
    private readonly Dictionary<string, float[]> _w = weights.ToDictionary(t => t.Name, t => t.Data);

    /// <summary>Logits of one image given as raw pixels 0…255, [C, H, W].</summary>
    public double[] Logits(ReadOnlySpan<float> pixels)
    {
        int c = plan.Input.Channels, h = plan.Input.Height, w = plan.Input.Width;
        var x = new Map(c, h, w);
        for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < h * w; i++)
                x.Data[ch * h * w + i] = (pixels[ch * h * w + i] / 255.0 - normalization.Mean[ch]) / normalization.Std[ch];

        x = Conv(x, "stem.weight", plan.StemChannels, kernel: 3, stride: 1, pad: 1);
        foreach (var block in plan.Blocks)
        {
            var a = Relu(BatchNorm(x, $"{block.Prefix}.bn1"));
            var y = Conv(a, $"{block.Prefix}.conv1.weight", block.OutChannels, 3, block.Stride, 1);
            y = Relu(BatchNorm(y, $"{block.Prefix}.bn2"));
            y = Conv(y, $"{block.Prefix}.conv2.weight", block.OutChannels, 3, 1, 1);
            var shortcut = block.HasShortcutConv
                ? Conv(a, $"{block.Prefix}.shortcut.weight", block.OutChannels, 1, block.Stride, 0)
                : x;
            Assert.That((y.Height, y.Width), Is.EqualTo((block.OutputHeight, block.OutputWidth)), $"{block.Prefix} output size");
            for (int i = 0; i < y.Data.Length; i++) y.Data[i] += shortcut.Data[i];
            x = y;
        }
        x = Relu(BatchNorm(x, "head.bn"));

        var pooled = new double[x.Channels];
        for (int ch = 0; ch < x.Channels; ch++)
        {
            double sum = 0;
            for (int i = 0; i < x.Height * x.Width; i++) sum += x.Data[ch * x.Height * x.Width + i];
            pooled[ch] = sum / (x.Height * x.Width);
        }
        int classes = plan.Input.Classes;
        var fcW = _w["head.fc.weight"];
        var fcB = _w["head.fc.bias"];
        var logits = new double[classes];
        for (int k = 0; k < classes; k++)
        {
            double sum = fcB[k];
            for (int ch = 0; ch < pooled.Length; ch++) sum += fcW[k * pooled.Length + ch] * pooled[ch];
            logits[k] = sum;
        }
        return logits;
    }

    private Map Conv(Map input, string weightName, int outChannels, int kernel, int stride, int pad)
    {
        var weight = _w[weightName];
        int outH = (input.Height + 2 * pad - kernel) / stride + 1;
        int outW = (input.Width + 2 * pad - kernel) / stride + 1;
        var output = new Map(outChannels, outH, outW);
        for (int o = 0; o < outChannels; o++)
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                {
                    double sum = 0;
                    for (int i = 0; i < input.Channels; i++)
                        for (int ky = 0; ky < kernel; ky++)
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int iy = oy * stride - pad + ky, ix = ox * stride - pad + kx;
                                if (iy < 0 || iy >= input.Height || ix < 0 || ix >= input.Width) continue;
                                sum += weight[((o * input.Channels + i) * kernel + ky) * kernel + kx] * input.At(i, iy, ix);
                            }
                    output.Data[(o * outH + oy) * outW + ox] = sum;
                }
        return output;
    }

    private Map BatchNorm(Map input, string name)
    {
        var gamma = _w[$"{name}.weight"];
        var beta = _w[$"{name}.bias"];
        var mean = _w[$"{name}.running_mean"];
        var variance = _w[$"{name}.running_var"];
        var output = new Map(input.Channels, input.Height, input.Width);
        int plane = input.Height * input.Width;
        for (int ch = 0; ch < input.Channels; ch++)
            for (int i = 0; i < plane; i++)
                output.Data[ch * plane + i] =
                    (input.Data[ch * plane + i] - mean[ch]) / Math.Sqrt(variance[ch] + NetworkPlan.BatchNormEpsilon) * gamma[ch] + beta[ch];
        return output;
    }

    private static Map Relu(Map input)
    {
        var output = new Map(input.Channels, input.Height, input.Width);
        for (int i = 0; i < input.Data.Length; i++) output.Data[i] = Math.Max(0, input.Data[i]);
        return output;
    }

    private sealed class Map(int channels, int height, int width)
    {
        public int Channels { get; } = channels;
        public int Height { get; } = height;
        public int Width { get; } = width;
        public double[] Data { get; } = new double[channels * height * width];

        public double At(int c, int y, int x) => Data[(c * Height + y) * Width + x];
    }
}
