namespace ShapeDnn.Reporting.Html;

/// <summary>The page's inline style sheet (no web font, no external file).</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { --ink: #1d2330; --muted: #5c6370; --line: #dde1e7; --chosen: #fdecec; --chosen-ink: #b41f20; --runner: #eef7ee; --accent: #1f77b4; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink); background: #f5f6f8; }
        main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
        header.top { background: #1d2330; color: #fff; padding: 20px 28px; }
        header.top h1 { margin: 0 0 4px; font-size: 22px; font-weight: 700; }
        header.top p { margin: 0; color: #c5cad3; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px; margin-top: 18px; }
        h2 { font-size: 17px; margin: 0 0 10px; }
        .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fafbfc; }
        .card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .card .v { font-size: 20px; font-weight: 700; margin-top: 2px; }
        .card.chosen { background: var(--chosen); border-color: #f2b8b8; }
        .card.chosen .v { color: var(--chosen-ink); }
        dl.facts { display: grid; grid-template-columns: 170px 1fr; gap: 4px 14px; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        figure { margin: 0; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
        .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
        div.scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; }
        th, td { padding: 4px 6px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
        th { background: #f0f2f5; position: sticky; top: 0; font-weight: 600; }
        td.l, th.l { text-align: left; }
        td.why { white-space: normal; min-width: 150px; max-width: 240px; text-align: left; color: var(--muted); }
        tr.chosen td { background: var(--chosen); font-weight: 700; color: var(--chosen-ink); }
        tr.runner td { background: var(--runner); }
        tr.excluded td { color: #8b9099; }
        .tag { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 3px; background: #e8ebf0; color: var(--muted); margin-left: 4px; font-weight: 400; }
        .tag.pred { background: #fff1e3; color: #a35400; }
        .tag.est { background: #f3e8ff; color: #6b3fa0; }
        .tag.chosen { background: #b41f20; color: #fff; }
        .tag.stop { background: #fde8e8; color: #a12020; }
        footer { color: var(--muted); font-size: 12px; margin-top: 18px; }
        """;
}
