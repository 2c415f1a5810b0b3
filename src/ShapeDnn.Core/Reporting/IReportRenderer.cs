namespace ShapeDnn.Reporting;

/// <summary>
/// Renders a finished search's report as a human-readable document (the HTML page beside
/// <c>N.report.json</c>). Injected into the engine so that the plotting library stays out of the core.
/// </summary>
public interface IReportRenderer
{
    /// <summary>What follows the model name in the file name, e.g. <c>.report.html</c>.</summary>
    string FileSuffix { get; }

    /// <summary>The whole document for <paramref name="report"/>; pure: writes nothing.</summary>
    string Render(SearchReport report);
}
