using ShapeDnn.Diagnostics;
using ShapeDnn.Reporting;

namespace ShapeDnn.Core.Tests.Engine;

public class SearchReportFileTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "shapednn-report-file-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Should_say_SDNN025_when_the_file_is_missing()
    {
        var ex = Assert.Throws<ShapeDnnException>(() => SearchReportFile.Read(Path.Combine(_folder, "Model.report.json")))!;
        Assert.That(ex.Code, Is.EqualTo(ErrorCode.ReportUnreadable));
        Assert.That(ex.Message, Does.Contain("does not exist"));
    }

    [TestCase("not json at all")]
    [TestCase("{\"toolVersion\": \"0.1.0\"}")]
    [TestCase("[1, 2, 3]")]
    public void Should_say_SDNN025_when_the_file_is_not_a_report(string content)
    {
        var path = Path.Combine(_folder, "Model.report.json");
        File.WriteAllText(path, content);

        var ex = Assert.Throws<ShapeDnnException>(() => SearchReportFile.Read(path))!;
        Assert.That(ex.Code, Is.EqualTo(ErrorCode.ReportUnreadable));
        Assert.That(ex.Message, Does.Contain("is not a ShapeDnn search report"));
    }
}
