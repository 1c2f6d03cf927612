using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace ArgilPS.Benchmarks.Micro;

/// <summary>
/// The configuration every class here uses ([Config(typeof(InProcessConfig))]): memory diagnostics,
/// and each figure as a ratio to its class's baseline. The job comes from the command line (--job
/// short for the quick mode) and runs in process (Program adds --inProcess: no project is generated
/// and built per run; the module's assembly is the one this project references).
/// </summary>
public sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BaselineRatioColumn.RatioMean, BaselineAllocationRatioColumn.RatioMean);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
