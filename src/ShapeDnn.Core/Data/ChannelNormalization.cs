namespace ShapeDnn.Data;

/// <summary>
/// Per-channel normalisation: a network sees <c>(pixel / 255 − Mean[c]) / Std[c]</c>.
/// Training applies it to its tensors; the exported ONNX graph applies it itself, so that the
/// deployed model takes pixels as the dataset stores them (0 … 255).
/// </summary>
/// <param name="Mean">Channel means of pixel/255 over the training images.</param>
/// <param name="Std">Channel standard deviations of pixel/255 over the training images.</param>
public sealed record ChannelNormalization(float[] Mean, float[] Std)
{
    /// <summary>Computes the statistics of <paramref name="dataset"/>.</summary>
    public static ChannelNormalization Compute(ImageDataset dataset)
    {
        int c = dataset.Shape.Channels, plane = dataset.Shape.Height * dataset.Shape.Width;
        var sum = new double[c];
        var sumSq = new double[c];
        for (int i = 0; i < dataset.Count; i++)
        {
            var image = dataset.Image(i);
            for (int ch = 0; ch < c; ch++)
                foreach (var p in image.Slice(ch * plane, plane))
                {
                    double v = p / 255.0;
                    sum[ch] += v;
                    sumSq[ch] += v * v;
                }
        }
        double n = (double)dataset.Count * plane;
        var mean = new float[c];
        var std = new float[c];
        for (int ch = 0; ch < c; ch++)
        {
            double m = sum[ch] / n;
            mean[ch] = (float)m;
            std[ch] = (float)Math.Sqrt(Math.Max(sumSq[ch] / n - m * m, 1e-12));
        }
        return new ChannelNormalization(mean, std);
    }
}
