using System.Diagnostics;
using System.Globalization;
using FashionApp;
using Microsoft.ML.OnnxRuntime;

// args: model path, rounds, calls per round. Both paths classify the same image from bytes.
string modelPath = args[0];
int rounds = int.Parse(args[1], CultureInfo.InvariantCulture), calls = int.Parse(args[2], CultureInfo.InvariantCulture);
var pixels = new byte[FashionModel.BytesPerImage];
new Random(7).NextBytes(pixels);

using var generated = new FashionModel(modelPath, forceCpu: true);
using var direct = new DirectOrt(modelPath);
if (generated.Predict(pixels).PredictedClass != direct.Predict(pixels)) throw new InvalidOperationException("the two paths disagree");

for (int i = 0; i < 200; i++) { generated.Predict(pixels); direct.Predict(pixels); } // warm-up

var g = new List<double>(); var d = new List<double>();
for (int r = 0; r < rounds; r++)
{
    // Alternate the order so that neither path always runs first.
    if (r % 2 == 0) { g.Add(Time(() => generated.Predict(pixels))); d.Add(Time(() => direct.Predict(pixels))); }
    else { d.Add(Time(() => direct.Predict(pixels))); g.Add(Time(() => generated.Predict(pixels))); }
}
g.Sort(); d.Sort();
double mg = g[g.Count / 2], md = d[d.Count / 2];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{FashionModel.ShapeName}, batch 1, {rounds} rounds x {calls} calls: generated Predict {mg * 1000:0.0} us, direct OrtValue {md * 1000:0.0} us per call (medians of round means); ratio {mg / md:0.000}"));

double Time(Action call)
{
    long start = Stopwatch.GetTimestamp();
    for (int i = 0; i < calls; i++) call();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds / calls;
}

/// <summary>The least a hand-written caller does: bytes to a reused float buffer, one OrtValue, Run, arg-max over the output span.</summary>
internal sealed class DirectOrt : IDisposable
{
    private readonly SessionOptions _options = new() { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly float[] _input = new float[FashionModel.BytesPerImage];
    private readonly long[] _shape = [1, FashionModel.ImageChannels, FashionModel.ImageHeight, FashionModel.ImageWidth];
    private static readonly string[] Inputs = ["pixels"], Outputs = ["probabilities"];

    public DirectOrt(string path) => _session = new InferenceSession(path, _options);

    public int Predict(byte[] pixels)
    {
        for (int i = 0; i < pixels.Length; i++) _input[i] = pixels[i];
        using var value = OrtValue.CreateTensorValueFromMemory(_input, _shape);
        using var outputs = _session.Run(_run, Inputs, [value], Outputs);
        var p = outputs[0].GetTensorDataAsSpan<float>();
        int best = 0;
        for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    public void Dispose() { _session.Dispose(); _run.Dispose(); _options.Dispose(); }
}
