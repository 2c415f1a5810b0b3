using System.Text.Json;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Reporting;

/// <summary>Reads an <c>N.report.json</c> written by a search (this version or an earlier one: missing optional fields stay null).</summary>
public static class SearchReportFile
{
    /// <summary>Parses the report at <paramref name="path"/>.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.ReportUnreadable"/> when the file is missing or not a report.</exception>
    public static SearchReport Read(string path)
    {
        if (!File.Exists(path))
            throw new ShapeDnnException(ErrorCode.ReportUnreadable, $"The report file '{path}' does not exist. Give the N.report.json that a search wrote.");
        try
        {
            using var stream = File.OpenRead(path);
            var report = JsonSerializer.Deserialize(stream, ShapeDnnJsonContext.Default.SearchReport);
            // Required members of the model are not enforced by the serializer; a report without them is not a report.
            if (report?.Chosen?.Name is null || report.Shapes is null || report.Request is null || report.Search is null)
                throw new JsonException("required fields (request, search, chosen, shapes) are missing");
            return report;
        }
        catch (JsonException ex)
        {
            throw new ShapeDnnException(ErrorCode.ReportUnreadable, $"'{path}' is not a ShapeDnn search report: {ex.Message} Give the N.report.json that a search wrote.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.ReportUnreadable, $"Cannot read the report file '{path}': {ex.Message}", ex);
        }
    }
}
