using System.Net;

namespace ShapeDnn.Reporting.Html;

/// <summary>HTML escaping for text and attribute values taken from the report (paths, shape names, reasons).</summary>
internal static class Html
{
    public static string Text(string? s) => WebUtility.HtmlEncode(s ?? "");
}
