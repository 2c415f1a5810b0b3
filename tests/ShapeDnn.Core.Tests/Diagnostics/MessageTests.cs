using ShapeDnn.Constraints;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.Diagnostics;

/// <summary>User-facing messages: no doubled full stops, out-of-range limits said as such (issue 10).</summary>
public class MessageTests
{
    [Test]
    public void Should_not_double_the_full_stop_of_an_embedded_message()
    {
        var inner = new UnauthorizedAccessException("Access to the path '/c' is denied.");
        var e = new ShapeDnnException(ErrorCode.CacheNotWritable, $"The cache folder '/c' cannot be written: {inner.Message}. Set --cache to a writable folder.");
        Assert.That(e.Message, Is.EqualTo("The cache folder '/c' cannot be written: Access to the path '/c' is denied. Set --cache to a writable folder."));
    }

    [TestCase("range '10..28' runs backwards.")]
    [TestCase("Example: 'depths=10..28;widths=1..4'.")]
    [TestCase("The ONNX file name '..' must be a plain file name without folders.")]
    [TestCase("Dataset folder '../data' does not exist.")]
    public void Should_keep_ranges_intact(string message) =>
        Assert.That(new ShapeDnnException(ErrorCode.BadDesignSpace, message).Message, Is.EqualTo(message));

    [TestCase("MaxParameters=1e400")]
    [TestCase("MaxSize=1e400GB")]
    [TestCase("MaxLatency=1e400ms")]
    public void Should_say_a_limit_beyond_range_is_out_of_range(string text)
    {
        var e = Assert.Throws<ShapeDnnException>(() => ConstraintParser.Parse(text))!;
        Assert.That(e.Message, Does.Contain("out of range").And.Not.Contain("greater than zero"));
    }
}
