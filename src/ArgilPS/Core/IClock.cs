using System;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Core;

/// <summary>
/// Time as the module sees it. Every wait the module chooses (poll intervals, retry back-off) goes
/// through it, so the sandbox can make those waits instant and tests need no sleeps.
/// </summary>
internal interface IClock
{
    DateTime UtcNow { get; }
    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

internal sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();
    public DateTime UtcNow => DateTime.UtcNow;
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
}
