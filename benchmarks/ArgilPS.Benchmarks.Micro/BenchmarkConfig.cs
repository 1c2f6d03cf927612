using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ArgilPS.Benchmarks.Micro;

/// <summary>
/// The configuration every class here uses ([Config(typeof(InProcessConfig))]): in process (no
/// generated project to build per run: the module's assembly is the one this project references),
/// memory diagnostics, and each figure as a ratio to its class's baseline.
/// </summary>
public sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BaselineRatioColumn.RatioMean, BaselineAllocationRatioColumn.RatioMean);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
