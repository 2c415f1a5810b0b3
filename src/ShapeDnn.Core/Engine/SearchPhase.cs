namespace ShapeDnn.Engine;

/// <summary>The steps of a search, in the order they run; what a progress display or an event stream names.</summary>
public enum SearchPhase
{
    /// <summary>Reading and checking the dataset.</summary>
    Loading,
    /// <summary>Measuring (or predicting) the latency and energy of every shape and filtering them.</summary>
    Profiling,
    /// <summary>Training the shapes the search proposes (or taking them from the cache).</summary>
    Searching,
    /// <summary>Waiting for another process that trains the same shape in the shared cache.</summary>
    Waiting,
    /// <summary>Measuring the figures of the chosen shape and its runners-up.</summary>
    Measuring,
    /// <summary>Writing the ONNX file, the generated class and the reports.</summary>
    Writing,
}
