using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace ArgilPS.Benchmarks.Micro;

/// <summary>
/// Every class of this assembly with [Benchmark] methods is a benchmark: BenchmarkSwitcher finds a new
/// one (the script splitter's, a streaming parser's) without any change here. `--filter '*Paging*'`
/// runs one class; `--job short` is the quick mode.
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args.Contains("--inProcess") || args.Contains("-i") ? args : args.Append("--inProcess").ToArray(), DefaultConfig.Instance);
}
