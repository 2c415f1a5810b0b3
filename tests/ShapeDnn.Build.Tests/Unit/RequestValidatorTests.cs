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

    [TestCase("5", "is not a duration")]
    [TestCase("1.5h", "is not a duration")]
    [TestCase("0m", "no time at all")]
    public void Should_reject_a_time_budget_naming_the_property(string timeBudget, string fragment)
    {
        var error = RequestValidator.Validate(Valid() with { TimeBudget = timeBudget }).Single();
        Assert.That((error.Field, error.Code), Is.EqualTo((ModelField.TimeBudget, "SDNN009")));
        Assert.That(error.Message, Does.StartWith($"ShapeDnnTimeBudget '{timeBudget}' ").And.Contain(fragment));
    }

    [Test]
    public void Should_pass_the_time_budget_to_the_worker()
    {
        Assert.That(Valid() with { TimeBudget = "1h30m" } is var model && RequestValidator.Validate(model).Count == 0, Is.True);
        var args = (Valid() with { TimeBudget = "1h30m" }).WorkerArguments(verbose: false);
        Assert.That(args.SkipWhile(a => a != "--time-budget").Take(2), Is.EqualTo(new[] { "--time-budget", "1h30m" }));
        Assert.That(Valid().WorkerArguments(verbose: false), Does.Not.Contain("--time-budget"), "no ceiling unless one is set");
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
    public void Should_accept_the_local_executor_and_a_gpu_list() =>
        Assert.That(RequestValidator.Validate(Valid() with { Executor = "local", Gpus = "0,1" }), Is.Empty);

    [Test]
    public void Should_report_an_unknown_executor_and_a_malformed_gpu_list_at_their_properties()
    {
        var errors = RequestValidator.Validate(Valid() with { Executor = "mpi", Gpus = "first" });
        Assert.That(errors.Select(e => (e.Field, e.Code)), Is.EquivalentTo(new[] { (ModelField.Executor, "SDNN009"), (ModelField.Gpus, "SDNN009") }));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("ShapeDnnExecutor 'mpi'").And.Some.Contains("ShapeDnnGpus"));
    }

    [Test]
    public void Should_pass_the_executor_and_the_gpus_to_the_worker()
    {
        var args = (Valid() with { Executor = "local", Gpus = "all" }).WorkerArguments(verbose: false);
        Assert.That(string.Join(" ", args), Does.Contain("--executor local --gpus all"));
        Assert.That(Valid().WorkerArguments(verbose: false), Has.No.Member("--executor").And.No.Member("--gpus"), "unset: the CLI's defaults");
    }

    [Test]
    public void Should_reject_a_model_name_that_is_not_a_class_name() =>
        Assert.That(RequestValidator.Validate(Valid() with { Name = "2fast" }).Single().Field, Is.EqualTo(ModelField.ModelName));
}
