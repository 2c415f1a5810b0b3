using System.Text.RegularExpressions;
using static ShapeDnn.Reporting.Html.Tests.Reports;

namespace ShapeDnn.Reporting.Html.Tests;

/// <summary>
/// The page of a real search opened in headless Chromium: what a user would see renders (a screenshot
/// with plots in it, the chosen shape's name and every plot in the rendered DOM).
/// </summary>
[NonParallelizable]
public class BrowserRenderingTests
{
    private string _folder = null!;
    private string _page = null!;
    private SearchReport _report = null!;

    [OneTimeSetUp]
    public void RenderPage()
    {
        _folder = Path.Combine(Path.GetTempPath(), "shapednn-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _report = SearchReportFile.Read(Fixture);
        _page = Path.Combine(_folder, "FashionModel.report.html");
        File.WriteAllText(_page, new HtmlReportRenderer().Render(_report));
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Should_render_a_screenshot_with_plots_in_it()
    {
        var png = Path.Combine(_folder, "report.png");
        HeadlessChromium.Run(_page, _folder, $"--screenshot={png}");

        var image = PngImage.Read(png);
        Assert.That((image.Width, image.Height), Is.EqualTo((1280, 2000)));
        var histogram = image.Pixels.GroupBy(p => p).Select(g => g.Count()).ToList();
        // A blank or failed page is one or two colours; text alone gives a few dozen antialiasing greys.
        Assert.That(histogram, Has.Count.GreaterThan(300), "distinct colours");
        Assert.That(histogram.Max() / (double)image.Pixels.Length, Is.LessThan(0.8), "share of the most common colour");
        // The heat map's palette and the feasible region's green are colours text cannot make.
        int saturated = image.Pixels.Count(p => Saturation(p) > 0.5);
        Assert.That(saturated / (double)image.Pixels.Length, Is.GreaterThan(0.01), "share of strongly coloured pixels (plots)");
    }

    [Test]
    public void Should_show_the_chosen_shape_and_every_plot_in_the_rendered_page()
    {
        var dom = HeadlessChromium.Run(_page, _folder, "--dump-dom");

        Assert.That(dom, Does.Contain($"<h1>FashionModel: {_report.Chosen.Name}</h1>"));
        Assert.That(Regex.IsMatch(dom, $"<tr class=\"chosen\"><td class=\"l\">{Regex.Escape(_report.Chosen.Name)}<"), "the chosen row is highlighted");
        foreach (var id in new[] { "trade-off", "accuracy-map", "learning-curves" })
        {
            var svg = Regex.Match(dom, $"<svg id=\"{id}\".*?</svg>", RegexOptions.Singleline);
            Assert.That(svg.Success, $"{id} is in the page");
            Assert.That(Regex.Matches(svg.Value, "<text").Count, Is.GreaterThan(5), $"{id} has axis labels");
        }
        Assert.That(Regex.Match(dom, "<svg id=\"trade-off\".*?</svg>", RegexOptions.Singleline).Value, Does.Contain($"chosen: {_report.Chosen.Name}"));
    }

    private static double Saturation(uint rgb)
    {
        double r = (rgb >> 16 & 0xff) / 255.0, g = (rgb >> 8 & 0xff) / 255.0, b = (rgb & 0xff) / 255.0;
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
        return max == 0 ? 0 : (max - min) / max;
    }
}
