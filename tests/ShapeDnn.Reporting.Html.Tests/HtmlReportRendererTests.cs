using System.Text.RegularExpressions;
using static ShapeDnn.Reporting.Html.Tests.Reports;

namespace ShapeDnn.Reporting.Html.Tests;

/// <summary>The page as text: self-contained, every plot and every shape in it, the chosen one highlighted.</summary>
public class HtmlReportRendererTests
{
    private static string RenderFixture(out SearchReport report)
    {
        report = SearchReportFile.Read(Fixture);
        return new HtmlReportRenderer().Render(report);
    }

    [Test]
    public void Should_inline_one_svg_per_plot_and_fetch_nothing()
    {
        var html = RenderFixture(out _);

        foreach (var id in new[] { "trade-off", "accuracy-map", "learning-curves" })
            Assert.That(html, Does.Match($"<svg id=\"{id}\" viewBox=\"0 0 \\d+ \\d+\""), id);
        Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
        // The only URLs are XML namespace names, which a browser never fetches.
        var urls = Regex.Matches(html, "(?:src|href)\\s*=\\s*\"([^\"]*)\"").Select(m => m.Groups[1].Value).Where(u => !u.StartsWith('#'));
        Assert.That(urls, Is.Empty);
        Assert.That(Regex.Matches(html, "https?://[^\"\\s]+").Select(m => m.Value).Distinct(), Is.SubsetOf(new[] { "http://www.w3.org/1999/xlink", "http://www.w3.org/2000/svg" }));
    }

    [Test]
    public void Should_list_every_shape_and_highlight_the_chosen_one()
    {
        var html = RenderFixture(out var report);
        var rows = Regex.Matches(html, "<tr(?: class=\"(\\w+)\")?><td class=\"l\">([^<]+)<").Select(m => (Class: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();

        Assert.That(rows.Select(r => r.Name), Is.EqualTo(report.Shapes.Select(s => s.Name)));
        Assert.That(rows.Single(r => r.Class == "chosen").Name, Is.EqualTo(report.Chosen.Name));
        Assert.That(rows.Where(r => r.Class == "runner").Select(r => r.Name), Is.EqualTo(report.RunnersUp.Select(r => r.Name)));
        Assert.That(rows.Where(r => r.Class == "excluded").Select(r => r.Name), Is.EqualTo(report.Shapes.Where(s => !s.Feasible).Select(s => s.Name)));
    }

    [Test]
    public void Should_state_the_request_the_stop_reason_and_the_totals()
    {
        var html = RenderFixture(out var report);

        Assert.That(html, Does.Contain(report.Request.Constraints).And.Contain(report.Request.Goal).And.Contain(report.Search.StopExplanation)
            .And.Contain(report.Devices.Training).And.Contain($"{report.Search.SpaceShapes} in the space"));
    }

    [Test]
    public void Should_show_epochs_and_why_training_stopped_when_the_report_says()
    {
        ShapeRow[] rows =
        [
            Row("WRN-10-1", 80_000, measured: 0.30, epochs: 5, trainedEpochs: 2, stop: "stopped early: cannot reach MinAccuracy"),
            Row("WRN-16-2", 700_000, measured: 0.52, epochs: 5, trainedEpochs: 5, stop: "full budget"),
        ];
        var html = new HtmlReportRenderer().Render(Of("MinimizeSize", "MinAccuracy=45%", rows, chosen: "WRN-16-2", epochs: 5));

        Assert.That(html, Does.Contain("<th class=\"l\">training stop</th>"));
        Assert.That(html, Does.Contain("2 / 5<span class=\"tag stop\">early</span>").And.Contain("stopped early: cannot reach MinAccuracy"));
        Assert.That(html, Does.Contain("5 / 5</td>").And.Contain("full budget"));
        Assert.That(html, Does.Contain("WRN-10-1 (stopped at epoch 2)"), "the learning curve's legend");
    }

    [Test]
    public void Should_escape_text_from_the_report()
    {
        var rows = new[] { Row("WRN-10-1", 80_000, measured: 0.5) };
        var html = new HtmlReportRenderer().Render(Of("MinimizeSize", "(none)", rows, chosen: "WRN-10-1"));

        Assert.That(html, Does.Contain("/data/&lt;fashion&gt;").And.Not.Contain("/data/<fashion>"));
    }
}
