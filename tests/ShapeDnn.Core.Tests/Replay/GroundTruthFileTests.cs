using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Replay;

namespace ShapeDnn.Core.Tests.Replay;

public class GroundTruthFileTests
{
    private const string Good = """{"shape":"WRN-10-1","depth":10,"width":1,"parameters":77562,"seed":1,"epochs":2,"trainSeconds":3.5,"validationCurve":[0.8,0.9],"validationAccuracy":0.9,"testAccuracy":0.89,"latencyMs":{"1":0.5},"energyMj":{}}""";

    private string _folder = "";

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("shapednn-gt-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, true);

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_folder, "gt.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Test]
    public void Reads_every_field_of_a_good_line()
    {
        var r = GroundTruthFile.Load(Write(Good)).Single();
        Assert.That(r.Shape, Is.EqualTo(new Shape(10, 1)));
        Assert.That(r.ValidationCurve, Is.EqualTo(new[] { 0.8, 0.9 }));
        Assert.That(r.LatencyMilliseconds[1], Is.EqualTo(0.5));
        Assert.That(r.TrainSeconds, Is.EqualTo(3.5));
    }

    [TestCase("\"validationCurve\":[0.8,0.9]", "\"validationCurve\":[0.8]", "validationCurve", "1 values for 2 epochs")]
    [TestCase("\"validationAccuracy\":0.9,", "\"validationAccuracy\":0.91,", "validationAccuracy", "curve's last value")]
    [TestCase("\"shape\":\"WRN-10-1\"", "\"shape\":\"WRN-16-1\"", "shape", "disagrees with depth 10")]
    [TestCase("\"trainSeconds\":3.5", "\"trainSeconds\":-1", "trainSeconds", "outside")]
    [TestCase("\"validationCurve\":[0.8,0.9]", "\"validationCurve\":[0.8,1.9]", "validationCurve[1]", "outside")]
    [TestCase("\"depth\":10", "\"depth\":11", "depth", "6n+4")]
    [TestCase("\"latencyMs\":{\"1\":0.5}", "\"latencyMs\":{\"one\":0.5}", "latencyMs", "not a batch size")]
    [TestCase("\"parameters\":77562,", "", "parameters", "missing")]
    public void Names_the_line_and_the_field_of_a_malformed_entry(string from, string to, string field, string fragment)
    {
        var path = Write(Good.Replace("WRN-10-1\",\"depth\":10", "WRN-10-1\",\"depth\":10"), Good.Replace("\"seed\":1", "\"seed\":2").Replace(from, to));
        var ex = Assert.Throws<ShapeDnnException>(() => GroundTruthFile.Load(path))!;
        Assert.That(ex.Code, Is.EqualTo(ErrorCode.BadGroundTruth));
        Assert.That(ex.Message, Does.Contain("line 2").And.Contain(field).And.Contain(fragment));
    }

    [Test]
    public void Rejects_a_line_that_is_not_json_and_a_shape_given_twice()
    {
        Assert.That(Assert.Throws<ShapeDnnException>(() => GroundTruthFile.Load(Write(Good, "{oops")))!.Message, Does.Contain("line 2").And.Contain("not JSON"));
        Assert.That(Assert.Throws<ShapeDnnException>(() => GroundTruthFile.Load(Write(Good, Good)))!.Message, Does.Contain("line 2").And.Contain("appears twice"));
    }

    [Test]
    public void A_shape_of_the_space_missing_from_the_file_is_a_clear_error()
    {
        var request = new ReplayRequest(Write(Good), ConstraintParser.Parse("MinAccuracy=85%"), Goal.MinimizeSize, 1, null,
            DesignSpaceSpec.Parse("depths=10,16;widths=1"), new InputShape(1, 28, 28, 10));
        var ex = Assert.Throws<ShapeDnnException>(() => ReplaySearch.Run(request))!;
        Assert.That(ex.Code, Is.EqualTo(ErrorCode.BadGroundTruth));
        Assert.That(ex.Message, Does.Contain("WRN-16-1").And.Contain("no line"));
    }

    [Test]
    public void Parameters_that_do_not_fit_the_input_say_which_input_to_give()
    {
        var request = new ReplayRequest(Write(Good), ConstraintParser.Parse("MinAccuracy=85%"), Goal.MinimizeSize, 1, null, null, new InputShape(3, 32, 32, 10));
        Assert.That(Assert.Throws<ShapeDnnException>(() => ReplaySearch.Run(request))!.Message, Does.Contain("--input"));
    }
}
