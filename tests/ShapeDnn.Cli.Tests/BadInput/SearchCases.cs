using static ShapeDnn.Cli.Tests.BadInput.CliCases;

namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>Bad input to <c>shapednn search</c>, by topic; one behaviour per case.</summary>
internal static class SearchCases
{
    public static IEnumerable<BadInputCase> Constraints() =>
    [
        SearchWith("constraint without equals sign", "SDNN001", "is not of the form Key=Value", ("--constraints", "MaxLatency")),
        SearchWith("constraint with empty value", "SDNN001", "is not of the form Key=Value", ("--constraints", "MaxLatency=")),
        SearchWith("constraint with two equals signs", "SDNN001", "is not of the form Key=Value", ("--constraints", "MaxLatency=2ms=3ms")),
        SearchWith("constraint with empty key", "SDNN001", "is not of the form Key=Value", ("--constraints", "=2ms")),
        SearchWith("unknown constraint key suggests the right one", "SDNN002", "did you mean MaxLatency?", ("--constraints", "MaxLatncy=2ms")),
        SearchWith("unknown constraint key", "SDNN002", "Known constraints", ("--constraints", "Speed=fast")),
        SearchWith("decimal comma", "SDNN003", "decimal separator", ("--constraints", "MaxLatency=1,5ms")),
        SearchWith("accuracy in words", "SDNN003", "does not start with a number", ("--constraints", "MinAccuracy=ninety")),
        SearchWith("NaN limit", "SDNN003", "does not start with a number", ("--constraints", "MaxLatency=NaNms")),
        SearchWith("latency without unit", "SDNN004", "a unit is required", ("--constraints", "MaxLatency=2")),
        SearchWith("latency in parsecs", "SDNN004", "unknown unit 'parsecs'", ("--constraints", "MaxLatency=2parsecs")),
        SearchWith("size without unit", "SDNN004", "a size needs a unit", ("--constraints", "MaxSize=2")),
        SearchWith("size in unknown unit", "SDNN004", "unknown size unit", ("--constraints", "MaxSize=2TB")),
        SearchWith("energy in unknown unit", "SDNN004", "unknown unit 'kWh'", ("--constraints", "MaxEnergy=2kWh")),
        SearchWith("ambiguous milli parameters", "SDNN004", "'m' is ambiguous", ("--constraints", "MaxParameters=5m")),
        SearchWith("parameters with unknown unit", "SDNN004", "unknown unit 'G'", ("--constraints", "MaxParameters=5G")),
        SearchWith("accuracy above one without percent", "SDNN004", "did you mean 93%", ("--constraints", "MinAccuracy=93")),
        SearchWith("accuracy with unknown unit", "SDNN004", "unknown unit", ("--constraints", "MinAccuracy=93pc")),
        SearchWith("constraint given twice", "SDNN005", "given twice", ("--constraints", "MaxLatency=2ms;maxlatency=3ms")),
        SearchWith("zero latency", "SDNN005", "greater than zero", ("--constraints", "MaxLatency=0ms")),
        SearchWith("negative parameters", "SDNN005", "greater than zero", ("--constraints", "MaxParameters=-5k")),
        SearchWith("accuracy above 100 percent", "SDNN005", "at most 100%", ("--constraints", "MinAccuracy=101%")),
        SearchWith("zero accuracy", "SDNN005", "above 0", ("--constraints", "MinAccuracy=0%")),
        SearchWith("parameters beyond double range are out of range", "SDNN005", "out of range", ("--constraints", "MaxParameters=1e400")),
        SearchWith("parameters beyond a long are out of range", "SDNN005", "out of range", ("--constraints", "MaxParameters=1e30")),
        SearchWith("size beyond double range is out of range", "SDNN005", "out of range", ("--constraints", "MaxSize=1e400GB")),
        SearchWith("latency beyond double range is out of range", "SDNN005", "out of range", ("--constraints", "MaxLatency=1e400ms")),
        SearchWith("energy beyond double range is out of range", "SDNN005", "out of range", ("--constraints", "MaxEnergy=1e400J")),
    ];

    public static IEnumerable<BadInputCase> Goals() =>
    [
        SearchWith("no goal", "SDNN006", "", ("--goal", null)),
        SearchWith("blank goal", "SDNN006", "", ("--goal", " ")),
        SearchWith("British spelling of the goal", "SDNN007", "did you mean MinimizeSize?", ("--goal", "MinimiseSize")),
        SearchWith("unknown goal", "SDNN007", "MinimizeLatency", ("--goal", "BeFast")),
        SearchWith("two goals", "SDNN007", "", ("--goal", "MinimizeSize,MinimizeLatency")),
        SearchWith("goal given twice", "SDNN009", "--goal is given twice", ("twice:--goal", "MinimizeSize")),
    ];

    public static IEnumerable<BadInputCase> DesignSpaces() =>
    [
        SearchWith("depth range to a billion is refused before it is expanded", "SDNN008", "leaves the depths 10..100", ("--design-space", "depths=10..1e9;widths=1")),
        SearchWith("depth of two billion", "SDNN008", "between 10 and 100", ("--design-space", "depths=2147483644")),
        SearchWith("depth ten thousand", "SDNN008", "between 10 and 100", ("--design-space", "depths=10000")),
        SearchWith("depth just above the limit", "SDNN008", "between 10 and 100", ("--design-space", "depths=106")),
        SearchWith("depth not 6n+4", "SDNN008", "6n+4", ("--design-space", "depths=12")),
        SearchWith("depth below ten", "SDNN008", "6n+4", ("--design-space", "depths=4")),
        SearchWith("fractional depth", "SDNN008", "6n+4", ("--design-space", "depths=10.5")),
        SearchWith("negative depth", "SDNN008", "6n+4", ("--design-space", "depths=-2")),
        SearchWith("depth range backwards", "SDNN008", "runs backwards", ("--design-space", "depths=28..10")),
        SearchWith("width of a hundredth gives a group of no channels", "SDNN008", "0 channels", ("--design-space", "depths=10;widths=0.01")),
        SearchWith("width of 1e-300", "SDNN008", "0 channels", ("--design-space", "depths=10;widths=1e-300")),
        SearchWith("width just below the smallest", "SDNN008", "0 channels", ("--design-space", "depths=10;widths=0.031")),
        SearchWith("zero width", "SDNN008", "above 0", ("--design-space", "depths=10;widths=0")),
        SearchWith("negative width", "SDNN008", "above 0", ("--design-space", "depths=10;widths=-1")),
        SearchWith("width above the limit", "SDNN008", "at most 64", ("--design-space", "depths=10;widths=65")),
        SearchWith("width range beyond the limit", "SDNN008", "leaves the widths", ("--design-space", "depths=10;widths=1..1e9")),
        SearchWith("width with four decimals", "SDNN008", "more than 3 decimals", ("--design-space", "depths=10;widths=1.0001")),
        SearchWith("width not a number", "SDNN008", "is not a number", ("--design-space", "depths=10;widths=two")),
        SearchWith("infinite width", "SDNN008", "is not a number", ("--design-space", "depths=10;widths=1e400")),
        SearchWith("empty list item", "SDNN008", "is not a number", ("--design-space", "depths=10,,16")),
        SearchWith("only a separator", "SDNN008", "has no depths", ("--design-space", ";")),
        SearchWith("only separators and spaces", "SDNN008", "has no depths", ("--design-space", " ; ; ")),
        SearchWith("unknown design-space key", "SDNN008", "did you mean depths?", ("--design-space", "depth=10")),
        SearchWith("design-space key without value", "SDNN008", "is not of the form", ("--design-space", "depths")),
        SearchWith("design-space key twice", "SDNN008", "given twice", ("--design-space", "depths=10;Depths=16")),
        SearchWith("more shapes than a space may hold", "SDNN008", "more than the 1,000", ("--design-space", "depths=10..100;widths=" + string.Join(",", Enumerable.Range(1, 70).Select(i => (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture))))),
    ];

    public static IEnumerable<BadInputCase> Budgets() =>
    [
        SearchWith("budget key given twice", "SDNN009", "'epochs' is given twice", ("--budget", "epochs=1;subset=300;epochs=2")),
        SearchWith("one validation image", "SDNN009", "between 50 and", ("--budget", "epochs=1;validation=1")),
        SearchWith("validation below the minimum", "SDNN009", "fewer validation images cannot measure accuracy", ("--budget", "validation=49")),
        SearchWith("zero epochs", "SDNN009", "epochs must be between 1 and 1,000", ("--budget", "epochs=0")),
        SearchWith("negative epochs", "SDNN009", "epochs must be between 1 and 1,000", ("--budget", "epochs=-3")),
        SearchWith("a million epochs", "SDNN009", "epochs must be between 1 and 1,000", ("--budget", "epochs=1000000")),
        SearchWith("epochs beyond an int", "SDNN009", "epochs must be between", ("--budget", "epochs=99999999999")),
        SearchWith("epochs beyond a long", "SDNN009", "is not a whole number", ("--budget", "epochs=99999999999999999999")),
        SearchWith("fractional epochs", "SDNN009", "is not a whole number", ("--budget", "epochs=1.5")),
        SearchWith("zero subset", "SDNN009", "subset must be between 1", ("--budget", "subset=0")),
        SearchWith("zero test images", "SDNN009", "test must be between 1", ("--budget", "test=0")),
        SearchWith("zero shapes", "SDNN009", "shapes must be between 1 and 1,000", ("--budget", "shapes=0")),
        SearchWith("more shapes than any space", "SDNN009", "shapes must be between 1 and 1,000", ("--budget", "shapes=100000")),
        SearchWith("negative seed", "SDNN009", "seed must be between 0", ("--budget", "seed=-1")),
        SearchWith("unknown budget key", "SDNN009", "did you mean epochs?", ("--budget", "epoch=3")),
        SearchWith("unknown budget name", "SDNN009", "is not key=value", ("--budget", "fast")),
        SearchWith("budget entry without value", "SDNN009", "is not a whole number", ("--budget", "epochs=")),
        SearchWith("only a separator as budget", "SDNN009", "has no key=value entry", ("--budget", ";")),
        SearchWarningWith("subset larger than the data is said", "SDNN022", "SDNN013", "MaxParameters", ("--budget", "epochs=1;subset=100000;validation=100;shapes=1"), ("--constraints", "MaxParameters=1k")),
        SearchWarningWith("validation more than a sixth of the data is said", "SDNN022", "SDNN013", "MaxParameters", ("--budget", "epochs=1;validation=5000;shapes=1"), ("--constraints", "MaxParameters=1k")),
        SearchWarningWith("test set larger than the data is said", "SDNN022", "SDNN013", "MaxParameters", ("--budget", "epochs=1;subset=300;validation=100;test=50000;shapes=1"), ("--constraints", "MaxParameters=1k")),
    ];

    public static IEnumerable<BadInputCase> BatchSizes() =>
    [
        SearchWith("batch of a billion", "SDNN009", "from 1 to 4,096", ("--batch-size", "1000000000")),
        SearchWith("batch of a hundred thousand", "SDNN009", "from 1 to 4,096", ("--batch-size", "100000")),
        SearchWith("batch just above the limit", "SDNN009", "from 1 to 4,096", ("--batch-size", "4097")),
        SearchWith("zero batch", "SDNN009", "from 1 to 4,096", ("--batch-size", "0")),
        SearchWith("negative batch", "SDNN009", "from 1 to 4,096", ("--batch-size", "-1")),
        SearchWith("fractional batch", "SDNN009", "from 1 to 4,096", ("--batch-size", "1.5")),
        SearchWith("batch beyond a long", "SDNN009", "from 1 to 4,096", ("--batch-size", "99999999999999999999")),
        SearchWith("batch in words", "SDNN009", "from 1 to 4,096", ("--batch-size", "one")),
        SearchWith("empty batch", "SDNN009", "needs a value", ("--batch-size", "")),
    ];

    public static IEnumerable<BadInputCase> Names() =>
    [
        SearchWith("name with a dash", "SDNN009", "not a valid C# class name", ("--name", "my-model")),
        SearchWith("name starting with a digit", "SDNN009", "not a valid C# class name", ("--name", "1Model")),
        SearchWith("name that is a keyword", "SDNN009", "not a valid C# class name", ("--name", "class")),
        SearchWith("lower-case name", "SDNN009", "only lower-case", ("--name", "model")),
        SearchWith("name of a generated member", "SDNN009", "member of the generated class", ("--name", "Predict")),
        SearchWith("name with a path", "SDNN009", "not a valid C# class name", ("--name", "../Evil")),
        SearchWith("empty name", "SDNN009", "not a valid C# class name", ("--name", "")),
        SearchWith("name of 10,000 characters", "SDNN009", "at most 128", ("--name", "M" + new string('x', 9999))),
        SearchWith("namespace with a keyword", "SDNN009", "not a valid C# namespace", ("--namespace", "My.class.Models")),
        SearchWith("namespace with a dash", "SDNN009", "not a valid C# namespace", ("--namespace", "My-App")),
        SearchWith("namespace ending in a dot", "SDNN009", "not a valid C# namespace", ("--namespace", "MyApp.")),
        SearchWith("namespace with two dots", "SDNN009", "not a valid C# namespace", ("--namespace", "My..App")),
        SearchWith("empty namespace", "SDNN009", "not a valid C# namespace", ("--namespace", "")),
        SearchWith("namespace of 10,000 characters", "SDNN009", "at most 512", ("--namespace", "N" + new string('x', 9999))),
    ];

    public static IEnumerable<BadInputCase> Folders() =>
    [
        SearchWith("empty cache folder", "SDNN009", "--cache needs a value", ("--cache", "")),
        SearchWith("blank cache folder", "SDNN009", "--cache needs a value", ("--cache", "  ")),
        SearchWith("cache is a file", "SDNN020", "is a file, not a folder", ("--cache", "{file}")),
        SearchWith("output is a file", "SDNN012", "is a file, not a folder", ("--out", "{file}")),
        SearchWith("output under a file", "SDNN012", "cannot be created or written", ("--out", "{file}/sub")),
        SearchWith("cache under a file", "SDNN020", "cannot be created or written", ("--cache", "{file}/sub")),
        SearchWith("empty output folder", "SDNN009", "--out needs a value", ("--out", "")),
        SearchWith("no output folder", "SDNN009", "--out is required", ("--out", null)),
        SearchWith("libtorch is a file", "SDNN015", "is a file, not a folder", ("--libtorch", "{file}")),
        SearchWith("libtorch does not exist", "SDNN015", "does not exist", ("--libtorch", "{missing}")),
        SearchWith("empty libtorch folder name", "SDNN009", "--libtorch needs a value", ("--libtorch", "")),
    ];

    public static IEnumerable<BadInputCase> Options() =>
    [
        Line("unknown command", "SDNN009", "Unknown command 'serch'", "serch"),
        SearchWith("unknown option suggests the right one", "SDNN009", "did you mean --constraints?", ("--constraint", "MaxLatency=2ms")),
        SearchWith("option without value at the end", "SDNN009", "--verbose", ("--verbos", null)),
        SearchWith("option given twice", "SDNN009", "--out is given twice", ("twice:--out", "{out}")),
        Line("value missing at the end of the line", "SDNN009", "--name needs a value", "search", "--data", "{data}", "--goal", "MinimizeSize", "--out", "{out}", "--name"),
        SearchWith("flag given a value", "SDNN009", "unknown option '--json=yes'", ("--json=yes", null)),
        SearchWith("unknown device", "SDNN009", "--device 'tpu' is not one of auto, cpu, cuda", ("--device", "tpu")),
        SearchWith("unknown precision", "SDNN009", "is not one of bf16, tf32, fp32", ("--precision", "fp16")),
        SearchWith("channels-last neither on nor off", "SDNN009", "is not one of on, off", ("--channels-last", "maybe")),
        SearchWith("zero parallel trainings", "SDNN009", "--parallel must be a whole number from 1 to 64", ("--parallel", "0")),
        SearchWith("a thousand parallel trainings", "SDNN009", "--parallel must be a whole number from 1 to 64", ("--parallel", "1000")),
        SearchWith("unknown executor", "SDNN009", "--executor 'mpi' is not one of local", ("--executor", "mpi")),
        SearchWith("malformed gpu list", "SDNN009", "--gpus (ShapeDnnGpus) must be 'all' or GPU numbers", ("--gpus", "0;1")),
        SearchWith("gpus on a machine without cuda", "SDNN019", "CUDA finds no GPU on this machine", ("--gpus", "all"), ("--device", "cpu")),
        SearchWith("time budget without a unit", "SDNN009", "--time-budget '5' is not a duration", ("--time-budget", "5")),
        SearchWith("time budget of a fraction", "SDNN009", "is not a duration", ("--time-budget", "1.5h")),
        SearchWith("time budget of zero", "SDNN009", "--time-budget '0s' is no time at all", ("--time-budget", "0s")),
        SearchWith("time budget beyond 30 days", "SDNN009", "longer than 30 days", ("--time-budget", "1000h")),
        SearchWith("time budget without a value", "SDNN009", "--time-budget needs a value", ("--time-budget", null)),
        Line("completion without a shell", "SDNN009", "completion needs the shell", "completion"),
        Line("report without a file", "SDNN009", "report needs the report file", "report"),
        Line("command given a stray argument", "SDNN009", "unknown option 'extra' for 'shapes'", "shapes", "--input", "1x28x28", "extra"),
        SearchWith("events file is a folder", "SDNN009", "is a folder, not a file", ("--events", "{dir}")),
        SearchWith("events file in a missing folder", "SDNN009", "create the folder first", ("--events", "{missing}/events.jsonl")),
        SearchWith("events on stdout with the report on stdout", "SDNN009", "--json and --events - both want stdout", ("--json", null), ("--events", "-")),
    ];
}
