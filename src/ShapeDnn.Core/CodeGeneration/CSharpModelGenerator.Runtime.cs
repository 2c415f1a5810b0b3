using System.Text;

namespace ShapeDnn.CodeGeneration;

public static partial class CSharpModelGenerator
{
    // The part of the class that does not depend on the figures: session creation, prediction and
    // disposal. Every type is written with global:: so that no type or namespace of the user's
    // project (a class named Microsoft, a namespace MyApp.System) can change what a name means.
    private static void WriteRuntime(StringBuilder sb, GeneratedModelDescription d)
    {
        string n = d.ClassName;
        string channelsText = d.Input.Channels == 1 ? "grey" : "RGB";
        sb.Append($$""""
                private const string InputName = "pixels";
                private const string ProbabilitiesName = "probabilities";
                private static readonly string[] s_inputNames = { InputName };
                private static readonly string[] s_outputNames = { ProbabilitiesName };

                // The process-wide ONNX Runtime log level is lowered while CUDA is tried; the lock keeps
                // two concurrent constructions from restoring each other's level.
                private static readonly object s_cudaAttemptLock = new object();

                private static readonly global::System.Lazy<{{n}}> s_shared = new global::System.Lazy<{{n}}>(
                    () => new {{n}}(), global::System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

                private readonly global::Microsoft.ML.OnnxRuntime.InferenceSession _session;
                private readonly global::Microsoft.ML.OnnxRuntime.SessionOptions _sessionOptions;
                private int _disposed;

                /// <summary>The image passed to the static <see cref="Predict(ModelInput)"/>.</summary>
                /// <param name="Pixels">One image of <see cref="BytesPerImage"/> bytes, channels x height x width, values 0 to 255.</param>
                public sealed record ModelInput(byte[] Pixels);

                /// <summary>The prediction for one image.</summary>
                /// <param name="PredictedClass">Index of the most probable class, from 0 to <see cref="ClassCount"/> - 1.</param>
                /// <param name="PredictedLabel">Name of the most probable class: <c>ClassLabels[PredictedClass]</c>.</param>
                /// <param name="Probabilities">Probability of each class (softmax of the logits), in the order of <see cref="ClassLabels"/>; they sum to 1.</param>
                public sealed record ModelOutput(int PredictedClass, string PredictedLabel, float[] Probabilities)
                {
                    /// <summary>The <paramref name="k"/> most probable classes, most probable first (equal probabilities in class order).</summary>
                    /// <param name="k">How many classes; more than <see cref="ClassCount"/> returns them all.</param>
                    /// <returns>Each class's index, name and probability.</returns>
                    /// <exception cref="global::System.ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
                    public global::ShapeDnn.Runtime.ClassProbability[] TopK(int k) =>
                        global::ShapeDnn.Runtime.ClassRanking.TopK(Probabilities, s_classLabels, k);
                }

                /// <summary>Full path of <see cref="ModelFileName"/> beside the application: in <see cref="global::System.AppContext.BaseDirectory"/>.</summary>
                public static string DefaultModelPath => global::System.IO.Path.Combine(global::System.AppContext.BaseDirectory, ModelFileName);

                /// <summary>
                /// The instance shared by the static <see cref="Predict(ModelInput)"/>, created on first use from
                /// <see cref="DefaultModelPath"/> with CUDA if available. Creation is thread-safe and happens once;
                /// if it fails, every later use throws the same exception.
                /// </summary>
                public static {{n}} Shared => s_shared.Value;

                /// <summary>The execution provider that runs the model: <c>"CUDA"</c> or <c>"CPU"</c>.</summary>
                public string ExecutionProvider { get; }

                /// <summary>Loads <see cref="ModelFileName"/> from beside the application, on CUDA if available, else on CPU.</summary>
                /// <exception cref="global::System.IO.FileNotFoundException">The model file is not beside the application.</exception>
                /// <exception cref="global::Microsoft.ML.OnnxRuntime.OnnxRuntimeException">ONNX Runtime cannot load the model.</exception>
                /// <exception cref="global::System.InvalidOperationException">The model lacks the input <c>pixels</c> or the output <c>probabilities</c>.</exception>
                public {{n}}()
                    : this(DefaultModelPath, forceCpu: false)
                {
                }

                /// <summary>Loads <see cref="ModelFileName"/> from beside the application.</summary>
                /// <param name="forceCpu"><see langword="true"/> to run on CPU even where CUDA is available.</param>
                /// <exception cref="global::System.IO.FileNotFoundException">The model file is not beside the application.</exception>
                /// <exception cref="global::Microsoft.ML.OnnxRuntime.OnnxRuntimeException">ONNX Runtime cannot load the model.</exception>
                /// <exception cref="global::System.InvalidOperationException">The model lacks the input <c>pixels</c> or the output <c>probabilities</c>.</exception>
                public {{n}}(bool forceCpu)
                    : this(DefaultModelPath, forceCpu)
                {
                }

                /// <summary>Loads the model from a file.</summary>
                /// <param name="modelPath">Path of the ONNX model file.</param>
                /// <param name="forceCpu"><see langword="true"/> to run on CPU even where CUDA is available.</param>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="modelPath"/> is null.</exception>
                /// <exception cref="global::System.IO.FileNotFoundException">The file does not exist.</exception>
                /// <exception cref="global::Microsoft.ML.OnnxRuntime.OnnxRuntimeException">ONNX Runtime cannot load the model.</exception>
                /// <exception cref="global::System.InvalidOperationException">The model lacks the input <c>pixels</c> or the output <c>probabilities</c>.</exception>
                public {{n}}(string modelPath, bool forceCpu = false)
                {
                    if (modelPath is null) throw new global::System.ArgumentNullException(nameof(modelPath));
                    if (!global::System.IO.File.Exists(modelPath))
                        throw new global::System.IO.FileNotFoundException(
                            $"The model file '{modelPath}' was not found. Copy {ModelFileName} beside the application or pass its path.", modelPath);
                    _session = CreateSession(options => new global::Microsoft.ML.OnnxRuntime.InferenceSession(modelPath, options),
                        forceCpu, out _sessionOptions, out string provider);
                    ExecutionProvider = provider;
                }

                /// <summary>Loads the model from a stream, which is read to its end and not closed.</summary>
                /// <param name="modelStream">A stream positioned at the start of the ONNX model.</param>
                /// <param name="forceCpu"><see langword="true"/> to run on CPU even where CUDA is available.</param>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="modelStream"/> is null.</exception>
                /// <exception cref="global::Microsoft.ML.OnnxRuntime.OnnxRuntimeException">ONNX Runtime cannot load the model.</exception>
                /// <exception cref="global::System.InvalidOperationException">The model lacks the input <c>pixels</c> or the output <c>probabilities</c>.</exception>
                public {{n}}(global::System.IO.Stream modelStream, bool forceCpu = false)
                {
                    if (modelStream is null) throw new global::System.ArgumentNullException(nameof(modelStream));
                    var buffer = new global::System.IO.MemoryStream();
                    modelStream.CopyTo(buffer);
                    byte[] model = buffer.ToArray();
                    _session = CreateSession(options => new global::Microsoft.ML.OnnxRuntime.InferenceSession(model, options),
                        forceCpu, out _sessionOptions, out string provider);
                    ExecutionProvider = provider;
                }

                /// <summary>Classifies one image with the <see cref="Shared"/> instance (the ML.NET-style entry point).</summary>
                /// <param name="input">The image.</param>
                /// <returns>The prediction.</returns>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="input"/> or its pixels are null.</exception>
                /// <exception cref="global::System.ArgumentException">The image is not <see cref="BytesPerImage"/> bytes long.</exception>
                public static ModelOutput Predict(ModelInput input)
                {
                    if (input is null) throw new global::System.ArgumentNullException(nameof(input));
                    if (input.Pixels is null) throw new global::System.ArgumentNullException(nameof(input), "The input has no pixels.");
                    return Shared.Predict(input.Pixels);
                }

                /// <summary>Classifies one image.</summary>
                /// <param name="pixels"><see cref="BytesPerImage"/> bytes: channels x height x width, values 0 to 255.</param>
                /// <returns>The prediction.</returns>
                /// <exception cref="global::System.ArgumentException"><paramref name="pixels"/> is not <see cref="BytesPerImage"/> bytes long.</exception>
                /// <exception cref="global::System.ObjectDisposedException">This instance has been disposed.</exception>
                public ModelOutput Predict(global::System.ReadOnlySpan<byte> pixels)
                {
                    if (pixels.Length != BytesPerImage)
                        throw new global::System.ArgumentException(
                            $"Expected one image of {BytesPerImage} bytes ({ImageChannels}x{ImageHeight}x{ImageWidth}) but got {pixels.Length} bytes.", nameof(pixels));
                    return Run(ToFloats(pixels), 1)[0];
                }

                /// <summary>Classifies a batch of images stored one after another.</summary>
                /// <param name="pixels"><paramref name="count"/> x <see cref="BytesPerImage"/> bytes, image after image.</param>
                /// <param name="count">Number of images.</param>
                /// <returns>One prediction per image, in order.</returns>
                /// <exception cref="global::System.ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
                /// <exception cref="global::System.ArgumentException"><paramref name="pixels"/> is not <paramref name="count"/> x <see cref="BytesPerImage"/> bytes long.</exception>
                /// <exception cref="global::System.ObjectDisposedException">This instance has been disposed.</exception>
                public ModelOutput[] PredictBatch(global::System.ReadOnlySpan<byte> pixels, int count)
                {
                    if (count < 0) throw new global::System.ArgumentOutOfRangeException(nameof(count), count, "The image count must not be negative.");
                    long expected = (long)count * BytesPerImage;
                    if (pixels.Length != expected)
                        throw new global::System.ArgumentException(
                            $"Expected {count} image(s) of {BytesPerImage} bytes ({ImageChannels}x{ImageHeight}x{ImageWidth}), {expected} bytes in all, but got {pixels.Length} bytes.", nameof(pixels));
                    return count == 0 ? global::System.Array.Empty<ModelOutput>() : Run(ToFloats(pixels), count);
                }

                /// <summary>Classifies a batch of images, one array per image.</summary>
                /// <param name="images">Images of <see cref="BytesPerImage"/> bytes each.</param>
                /// <returns>One prediction per image, in order.</returns>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="images"/> is null.</exception>
                /// <exception cref="global::System.ArgumentException">An image is null or not <see cref="BytesPerImage"/> bytes long.</exception>
                /// <exception cref="global::System.ObjectDisposedException">This instance has been disposed.</exception>
                public ModelOutput[] PredictBatch(global::System.Collections.Generic.IReadOnlyList<byte[]> images)
                {
                    if (images is null) throw new global::System.ArgumentNullException(nameof(images));
                    int count = images.Count;
                    var input = new float[(long)count * BytesPerImage];
                    for (int i = 0; i < count; i++)
                    {
                        byte[] image = images[i];
                        if (image is null) throw new global::System.ArgumentException($"Image {i} is null.", nameof(images));
                        if (image.Length != BytesPerImage)
                            throw new global::System.ArgumentException(
                                $"Image {i} has {image.Length} bytes; expected {BytesPerImage} ({ImageChannels}x{ImageHeight}x{ImageWidth}).", nameof(images));
                        for (int j = 0; j < image.Length; j++) input[(long)i * BytesPerImage + j] = image[j];
                    }
                    return count == 0 ? global::System.Array.Empty<ModelOutput>() : Run(input, count);
                }

                /// <summary>
                /// Classifies an encoded image (PNG, JPEG, BMP, GIF, TGA, ...): decoded, converted to {{channelsText}} as the
                /// network was trained, and stretched to {{d.Input.Width}}x{{d.Input.Height}} pixels by area averaging.
                /// </summary>
                /// <param name="image">The image file's bytes.</param>
                /// <returns>The prediction.</returns>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="image"/> is null.</exception>
                /// <exception cref="global::System.IO.InvalidDataException">The bytes are not an image in a supported format.</exception>
                /// <exception cref="global::System.ObjectDisposedException">This instance has been disposed.</exception>
                public ModelOutput Predict(global::ShapeDnn.Runtime.EncodedImage image)
                {
                    if (image is null) throw new global::System.ArgumentNullException(nameof(image));
                    byte[] pixels = global::ShapeDnn.Runtime.ImageDecoder.DecodeToPlanes(image, ImageChannels, ImageHeight, ImageWidth);
                    return Predict(new global::System.ReadOnlySpan<byte>(pixels));
                }

                /// <summary>Classifies an encoded image read from a stream to its end (the stream is not closed); see <see cref="Predict(global::ShapeDnn.Runtime.EncodedImage)"/>.</summary>
                /// <param name="imageStream">A stream positioned at the start of an image file.</param>
                /// <returns>The prediction.</returns>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="imageStream"/> is null.</exception>
                /// <exception cref="global::System.IO.InvalidDataException">The bytes are not an image in a supported format.</exception>
                /// <exception cref="global::System.ObjectDisposedException">This instance has been disposed.</exception>
                public ModelOutput Predict(global::System.IO.Stream imageStream) =>
                    Predict(global::ShapeDnn.Runtime.EncodedImage.FromStream(imageStream));

                /// <summary>Classifies an image file; see <see cref="Predict(global::ShapeDnn.Runtime.EncodedImage)"/>.</summary>
                /// <param name="imagePath">Path of a PNG, JPEG, BMP, GIF or TGA file.</param>
                /// <returns>The prediction.</returns>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="imagePath"/> is null.</exception>
                /// <exception cref="global::System.IO.IOException">The file cannot be read.</exception>
                /// <exception cref="global::System.IO.InvalidDataException">The file is not an image in a supported format.</exception>
                /// <exception cref="global::System.ObjectDisposedException">This instance has been disposed.</exception>
                public ModelOutput Predict(string imagePath) =>
                    Predict(global::ShapeDnn.Runtime.EncodedImage.FromFile(imagePath));

                /// <summary>Releases the ONNX Runtime session. Predictions in flight on other threads must have finished.</summary>
                public void Dispose()
                {
                    if (global::System.Threading.Interlocked.Exchange(ref _disposed, 1) != 0) return;
                    _session.Dispose();
                    _sessionOptions.Dispose();
                }

                // The model takes raw pixel values as float32 and normalises them itself.
                private static float[] ToFloats(global::System.ReadOnlySpan<byte> pixels)
                {
                    var input = new float[pixels.Length];
                    for (int i = 0; i < pixels.Length; i++) input[i] = pixels[i];
                    return input;
                }

                // InferenceSession.Run is thread-safe; everything else a call needs is local to the call.
                private ModelOutput[] Run(float[] input, int count)
                {
                    if (global::System.Threading.Volatile.Read(ref _disposed) != 0) throw new global::System.ObjectDisposedException(nameof({{n}}));
                    using var runOptions = new global::Microsoft.ML.OnnxRuntime.RunOptions();
                    using var inputValue = global::Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(
                        input, new long[] { count, ImageChannels, ImageHeight, ImageWidth });
                    using var outputs = _session.Run(runOptions, s_inputNames, new[] { inputValue }, s_outputNames);
                    global::System.ReadOnlySpan<float> probabilities = outputs[0].GetTensorDataAsSpan<float>();
                    if (probabilities.Length != count * ClassCount)
                        throw new global::System.InvalidOperationException(
                            $"The model returned {probabilities.Length} probabilities for {count} image(s) of {ClassCount} classes; {ModelFileName} does not match this class.");

                    var results = new ModelOutput[count];
                    for (int i = 0; i < count; i++)
                    {
                        float[] row = probabilities.Slice(i * ClassCount, ClassCount).ToArray();
                        int best = 0;
                        for (int c = 1; c < row.Length; c++)
                            if (row[c] > row[best]) best = c;
                        results[i] = new ModelOutput(best, s_classLabels[best], row);
                    }
                    return results;
                }

                // Tries CUDA, then CPU. The options stay alive as long as the session.
                private static global::Microsoft.ML.OnnxRuntime.InferenceSession CreateSession(
                    global::System.Func<global::Microsoft.ML.OnnxRuntime.SessionOptions, global::Microsoft.ML.OnnxRuntime.InferenceSession> create,
                    bool forceCpu, out global::Microsoft.ML.OnnxRuntime.SessionOptions options, out string provider)
                {
                    if (!forceCpu && TryCreateCudaSession(create, out var cudaSession, out var cudaOptions))
                    {
                        ValidateContract(cudaSession, cudaOptions);
                        options = cudaOptions;
                        provider = "CUDA";
                        return cudaSession;
                    }
                    // Warnings (e.g. about graph optimisations) are not the application's business.
                    var cpuOptions = new global::Microsoft.ML.OnnxRuntime.SessionOptions
                    {
                        LogSeverityLevel = global::Microsoft.ML.OnnxRuntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
                    };
                    global::Microsoft.ML.OnnxRuntime.InferenceSession session;
                    try
                    {
                        session = create(cpuOptions);
                    }
                    catch
                    {
                        cpuOptions.Dispose();
                        throw;
                    }
                    ValidateContract(session, cpuOptions);
                    options = cpuOptions;
                    provider = "CPU";
                    return session;
                }

                // Without CUDA (the CPU package, no GPU, or CUDA libraries missing) ONNX Runtime logs an
                // error and throws; both the session's and the process-wide log level are raised for the
                // attempt so that a fall-back to CPU leaves the application's console clean.
                private static bool TryCreateCudaSession(
                    global::System.Func<global::Microsoft.ML.OnnxRuntime.SessionOptions, global::Microsoft.ML.OnnxRuntime.InferenceSession> create,
                    [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out global::Microsoft.ML.OnnxRuntime.InferenceSession? session,
                    [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out global::Microsoft.ML.OnnxRuntime.SessionOptions? options)
                {
                    lock (s_cudaAttemptLock)
                    {
                        var environment = global::Microsoft.ML.OnnxRuntime.OrtEnv.Instance();
                        var previousLevel = environment.EnvLogLevel;
                        var cudaOptions = new global::Microsoft.ML.OnnxRuntime.SessionOptions
                        {
                            LogSeverityLevel = global::Microsoft.ML.OnnxRuntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
                        };
                        try
                        {
                            environment.EnvLogLevel = global::Microsoft.ML.OnnxRuntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
                            cudaOptions.AppendExecutionProvider_CUDA(0);
                            session = create(cudaOptions);
                            options = cudaOptions;
                            return true;
                        }
                        catch (global::System.Exception e) when (e is global::Microsoft.ML.OnnxRuntime.OnnxRuntimeException
                            or global::System.DllNotFoundException or global::System.EntryPointNotFoundException)
                        {
                            cudaOptions.Dispose();
                            session = null;
                            options = null;
                            return false;
                        }
                        finally
                        {
                            environment.EnvLogLevel = previousLevel;
                        }
                    }
                }

                // Fails early, with the names involved, when the file is not a model for this class.
                private static void ValidateContract(
                    global::Microsoft.ML.OnnxRuntime.InferenceSession session, global::Microsoft.ML.OnnxRuntime.SessionOptions options)
                {
                    if (session.InputMetadata.ContainsKey(InputName) && session.OutputMetadata.ContainsKey(ProbabilitiesName)) return;
                    string message =
                        $"The model has inputs [{string.Join(", ", session.InputMetadata.Keys)}] and outputs [{string.Join(", ", session.OutputMetadata.Keys)}]; {nameof({{n}})} needs input '{InputName}' and output '{ProbabilitiesName}'.";
                    session.Dispose();
                    options.Dispose();
                    throw new global::System.InvalidOperationException(message);
                }

            """");
    }
}
