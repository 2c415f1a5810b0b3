using ShapeDnn.Build.Tasks;

namespace ShapeDnn.Build.Tests.Unit;

internal sealed class RequestValidatorTests
{
    private static ModelRequest Valid() => new()
    {
        Name = "FashionModel", Constraints = "MaxLatency=2ms; MinAccuracy=90%", Goal = "MinimizeEnergy",
        Dataset = Path.GetTempPath(), Namespace = "App.Models", Device = "auto", BatchSize = "1", Budget = "",
        DesignSpace = "", CacheDir = "", LibTorchPath = "", AllowEnergyEstimates = true,
        OutputDir = Path.GetTempPath(), FingerprintFile = "x", FromItem = false,
    };

    [Test]
    public void Should_accept_valid_settings() => Assert.That(RequestValidator.Validate(Valid()), Is.Empty);

    [TestCase("MaxLatency=2parsecs", "SDNN004")]
    [TestCase("MaxLatency", "SDNN001")]
    [TestCase("MaxLatncy=2ms", "SDNN002")]
    public void Should_report_constraint_errors_with_the_engine_codes(string constraints, string code)
    {
        var errors = RequestValidator.Validate(Valid() with { Constraints = constraints });
        Assert.That(errors.Select(e => (e.Field, e.Code)), Is.EqualTo(new[] { (ModelField.Constraints, code) }));
    }

    [Test]
    public void Should_report_every_bad_setting_at_once()
    {
        var errors = RequestValidator.Validate(Valid() with { Goal = "", BatchSize = "0", Device = "tpu", Dataset = "/no/such/folder" });
        Assert.That(errors.Select(e => e.Code), Is.EquivalentTo(new[] { "SDNN006", "SDNN009", "SDNN009", "SDNN010" }));
    }

    [Test]
    public void Should_read_the_design_space_with_the_family_and_point_at_the_family_setting()
    {
        Assert.That(RequestValidator.Validate(Valid() with { Family = "densenet-bc", DesignSpace = "depths=40;growth=12" }), Is.Empty);
        Assert.That(RequestValidator.Validate(Valid() with { DesignSpace = "depths=40;growth=12" }).Single().Field, Is.EqualTo(ModelField.DesignSpace),
            "growth is not a Wide ResNet key");
        var unknown = RequestValidator.Validate(Valid() with { Family = "resnet" }).Single();
        Assert.That((unknown.Field, unknown.Code), Is.EqualTo((ModelField.Family, "SDNN008")));
        Assert.That(ModelField.Family.PropertyName(), Is.EqualTo("ShapeDnnFamily"));
        Assert.That((Valid() with { Family = "all" }).WorkerArguments(verbose: false), Is.SupersetOf(new[] { "--family", "all" }));
    }

    [Test]
    public void Should_reject_a_model_name_that_is_not_a_class_name() =>
        Assert.That(RequestValidator.Validate(Valid() with { Name = "2fast" }).Single().Field, Is.EqualTo(ModelField.ModelName));
}
