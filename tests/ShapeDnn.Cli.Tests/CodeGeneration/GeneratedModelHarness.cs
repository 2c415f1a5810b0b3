using System.Reflection;
using ShapeDnn.CodeGeneration;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>One prediction, as plain values.</summary>
internal readonly record struct Prediction(int Class, string Label, float[] Probabilities);

/// <summary>
/// The generated class compiled and loaded, called through a small driver compiled with it. The
/// driver is ordinary user code (it also proves the API is usable as written); calling through
/// delegates rather than MethodInfo.Invoke lets exceptions reach the test unwrapped, and is the only
/// way to pass a <see cref="ReadOnlySpan{T}"/>.
/// </summary>
internal sealed class GeneratedModelHarness
{
    private const string DriverTemplate = """
        #pragma warning disable CS1591 // test driver, not an API
        namespace ShapeDnnTestDriver;

        using Model = global::NAMESPACE.CLASS;

        public static class ModelDriver
        {
            public static global::System.IDisposable Create(string path, bool forceCpu) => new Model(path, forceCpu);
            public static global::System.IDisposable CreateFromStream(global::System.IO.Stream stream) => new Model(stream, forceCpu: true);
            public static global::System.IDisposable CreateDefault() => new Model();
            public static string Provider(object model) => ((Model)model).ExecutionProvider;
            public static (int, string, float[]) Predict(object model, byte[] pixels) => Flat(((Model)model).Predict(pixels));
            public static (int, string, float[])[] PredictBatch(object model, byte[] pixels, int count) =>
                global::System.Array.ConvertAll(((Model)model).PredictBatch(pixels, count), Flat);
            public static (int, string, float[])[] PredictImages(object model, byte[][] images) =>
                global::System.Array.ConvertAll(((Model)model).PredictBatch(images), Flat);
            public static (int, string, float[]) PredictEncoded(object model, byte[] file) => Flat(((Model)model).Predict(new global::ShapeDnn.Runtime.EncodedImage(file)));
            public static (int, string, float[]) PredictStream(object model, global::System.IO.Stream stream) => Flat(((Model)model).Predict(stream));
            public static (int, string, float[]) PredictPath(object model, string path) => Flat(((Model)model).Predict(path));
            public static (int, string, float)[] TopK(object model, byte[] pixels, int k) =>
                global::System.Array.ConvertAll(((Model)model).Predict(pixels).TopK(k), c => (c.Class, c.Label, c.Probability));
            public static (int, string, float[]) PredictShared(byte[] pixels) => Flat(Model.Predict(new Model.ModelInput(pixels)));
            private static (int, string, float[]) Flat(Model.ModelOutput o) => (o.PredictedClass, o.PredictedLabel, o.Probabilities);
        }
        """;

    private readonly Func<string, bool, IDisposable> _create;
    private readonly Func<Stream, IDisposable> _createFromStream;
    private readonly Func<IDisposable> _createDefault;
    private readonly Func<byte[], (int, string, float[])> _predictShared;

    public GeneratedModelHarness(GeneratedModelDescription description)
    {
        string source = CSharpModelGenerator.Generate(description);
        string driver = DriverTemplate.Replace("NAMESPACE", description.Namespace).Replace("CLASS", description.ClassName);
        Assembly = RoslynCompiler.CompileAndLoad(source, driver);
        ModelType = Assembly.GetType($"{description.Namespace}.{description.ClassName}", throwOnError: true)!;
        var driverType = Assembly.GetType("ShapeDnnTestDriver.ModelDriver", throwOnError: true)!;
        T Bind<T>(string name) where T : Delegate => driverType.GetMethod(name)!.CreateDelegate<T>();
        _create = Bind<Func<string, bool, IDisposable>>("Create");
        _createFromStream = Bind<Func<Stream, IDisposable>>("CreateFromStream");
        _createDefault = Bind<Func<IDisposable>>("CreateDefault");
        _predictShared = Bind<Func<byte[], (int, string, float[])>>("PredictShared");
        Provider = Bind<Func<object, string>>("Provider");
        PredictOne = Bind<Func<object, byte[], (int, string, float[])>>("Predict");
        PredictBatchSpan = Bind<Func<object, byte[], int, (int, string, float[])[]>>("PredictBatch");
        PredictBatchImages = Bind<Func<object, byte[][], (int, string, float[])[]>>("PredictImages");
        PredictEncoded = Bind<Func<object, byte[], (int, string, float[])>>("PredictEncoded");
        PredictStream = Bind<Func<object, Stream, (int, string, float[])>>("PredictStream");
        PredictPath = Bind<Func<object, string, (int, string, float[])>>("PredictPath");
        TopK = Bind<Func<object, byte[], int, (int, string, float)[]>>("TopK");
    }

    public Assembly Assembly { get; }
    public Type ModelType { get; }
    internal Func<object, string> Provider { get; }
    internal Func<object, byte[], (int, string, float[])> PredictOne { get; }
    internal Func<object, byte[], int, (int, string, float[])[]> PredictBatchSpan { get; }
    internal Func<object, byte[][], (int, string, float[])[]> PredictBatchImages { get; }
    internal Func<object, byte[], (int, string, float[])> PredictEncoded { get; }
    internal Func<object, Stream, (int, string, float[])> PredictStream { get; }
    internal Func<object, string, (int, string, float[])> PredictPath { get; }
    internal Func<object, byte[], int, (int, string, float)[]> TopK { get; }

    public GeneratedModel Load(string path, bool forceCpu = false) => new(this, _create(path, forceCpu));
    public GeneratedModel Load(Stream stream) => new(this, _createFromStream(stream));
    public GeneratedModel LoadDefault() => new(this, _createDefault());
    public Prediction PredictShared(byte[] pixels) => ToPrediction(_predictShared(pixels));

    /// <summary>Value of a public constant or static property of the generated class.</summary>
    public object? Static(string name) =>
        (object?)ModelType.GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
        ?? ModelType.GetProperty(name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
        ?? throw new MissingMemberException(ModelType.Name, name);

    internal static Prediction ToPrediction((int, string, float[]) p) => new(p.Item1, p.Item2, p.Item3);
}

/// <summary>An instance of the generated class.</summary>
internal sealed class GeneratedModel(GeneratedModelHarness harness, IDisposable instance) : IDisposable
{
    public string ExecutionProvider => harness.Provider(instance);

    public Prediction Predict(byte[] pixels) => GeneratedModelHarness.ToPrediction(harness.PredictOne(instance, pixels));

    public Prediction[] PredictBatch(byte[] pixels, int count) =>
        harness.PredictBatchSpan(instance, pixels, count).Select(GeneratedModelHarness.ToPrediction).ToArray();

    public Prediction[] PredictBatch(byte[][] images) =>
        harness.PredictBatchImages(instance, images).Select(GeneratedModelHarness.ToPrediction).ToArray();

    /// <summary><c>Predict(new EncodedImage(file))</c>.</summary>
    public Prediction PredictEncoded(byte[] file) => GeneratedModelHarness.ToPrediction(harness.PredictEncoded(instance, file));

    public Prediction PredictStream(Stream stream) => GeneratedModelHarness.ToPrediction(harness.PredictStream(instance, stream));

    public Prediction PredictPath(string path) => GeneratedModelHarness.ToPrediction(harness.PredictPath(instance, path));

    /// <summary><c>Predict(pixels).TopK(k)</c>.</summary>
    public (int Class, string Label, float Probability)[] TopK(byte[] pixels, int k) => harness.TopK(instance, pixels, k);

    public void Dispose() => instance.Dispose();
}
