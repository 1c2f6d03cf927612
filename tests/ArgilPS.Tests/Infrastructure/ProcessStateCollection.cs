using Xunit;

namespace ArgilPS.Tests.Infrastructure;

/// <summary>
/// Tests that change process-wide state (environment variables, the Process-scope connection) run
/// alone, never beside another test, since every test shares the process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Process-wide state";
}
