namespace ShapeDnn.Cli.Output;

/// <summary>A plain-text table with aligned columns: readable in a terminal and in CI logs alike.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public string Render()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => IsNumeric(c) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        var lines = new List<string> { Line(headers), string.Join("  ", widths.Select(w => new string('-', w))) };
        lines.AddRange(_rows.Select(Line));
        return string.Join(Environment.NewLine, lines);
    }

    private static bool IsNumeric(string cell) => cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || cell[0] == '-' && cell.Length > 1);
}
