namespace ShapeDnn.Training.Tests.Trainer;

/// <summary>Records progress synchronously (unlike <see cref="Progress{T}"/>, which posts to another thread).</summary>
internal sealed class ProgressRecorder<T>(Action<T>? onReport = null) : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
