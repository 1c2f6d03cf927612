using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Tests.Core;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// Piped creations and gets overlap, at most -ThrottleLimit at once, and still come out (results and
/// errors alike) in input order. The server holds every request until as many as expected are in
/// flight, so a cmdlet that did not overlap would show a smaller peak (after the server's bounded
/// wait), never a pass by luck; and it answers each group's later requests first, so output in input
/// order is the cmdlet's doing.
/// </summary>
[Collection(nameof(ProcessStateCollection))]
public sealed class ThrottleTests : CleanArgilEnvironment
{
    private const string Key = "throttle-test-key-0123456789";

    internal sealed class GatedServer : IDisposable
    {
        private readonly object _gate = new();
        private readonly int _group;
        private readonly Dictionary<int, TaskCompletionSource<bool>> _answered = new();
        private readonly TaskCompletionSource<bool>[] _full;
        private int _inFlight;
        private int _arrived;

        public GatedServer(int group, Func<int, (int Status, string Body)> answer, int items)
        {
            _group = group;
            _full = Enumerable.Range(0, items / group + 2).Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            Server = new LoopbackServer(async x =>
            {
                var n = Number(x);
                int arrival;
                lock (_gate)
                {
                    _inFlight++;
                    MaxInFlight = Math.Max(MaxInFlight, _inFlight);
                    arrival = _arrived++;
                    if (_inFlight >= _group) _full[arrival / _group].TrySetResult(true);
                    for (var i = n; i <= n + _group; i++) if (!_answered.ContainsKey(i)) _answered[i] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                // Held until the group is in flight (bounded, so a cmdlet that does not overlap fails instead of hanging).
                await Task.WhenAny(_full[arrival / _group].Task, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
                // Within a group, the later request answers first.
                if ((n - 1) % _group != _group - 1) await Task.WhenAny(_answered[n + 1].Task, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
                var (status, body) = answer(n);
                lock (_gate) _inFlight--;
                await x.AnswerAsync(status, body).ConfigureAwait(false);
                lock (_gate) _answered[n].TrySetResult(true);
            });
        }

        public LoopbackServer Server { get; }
        public int MaxInFlight { get; private set; }

        /// <summary>The item number the request is about: "n7" in a body, or /avatars/id-7.</summary>
        private static int Number(LoopbackExchange x)
        {
            var m = Regex.Match(x.Body + " " + x.RequestLine, @"(?:""n|id-)(\d+)");
            return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose() => Server.Dispose();
    }

    private static string Avatar(int n) => $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"status\":\"TRAINING\"}}";

    private static PowerShellHost ConnectedTo(Uri baseUri)
    {
        var host = new PowerShellHost();
        var secure = new SecureString();
        foreach (var c in Key) secure.AppendChar(c);
        host.Run($"Connect-Argil -ApiKey $secure -BaseUri '{baseUri}' -Scope Runspace -MaximumRetryCount 2 -RetryIntervalSec 1",
            new Dictionary<string, object?> { ["secure"] = secure }).ThrowIfTerminated();
        return host;
    }

    private const string EightRows = "1..8 | ForEach-Object { [pscustomobject]@{ Name = \"n$_\"; ImageUrl = 'https://example.com/p.png' } }";

    /// <summary>Each output as its name, each error as "error &lt;target&gt;", in the order the pipeline got them.</summary>
    private const string AsLines = " 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.TargetObject } else { $_.Name } }";

    [Fact]
    public void PipedCreationsOverlapFourAtATimeByDefaultAndComeOutInInputOrder()
    {
        using var server = new GatedServer(4, n => (201, Avatar(n)), 8);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run(EightRows + " | New-ArgilAvatar" + AsLines);
        Assert.Null(r.Terminating);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => "n" + i), r.Output.Select(o => o.ToString()));
        Assert.Equal(4, server.MaxInFlight);
        Assert.Equal(8, server.Server.Requests);
    }

    [Fact]
    public void ThrottleLimitOneCreatesOneAtATime()
    {
        using var server = new GatedServer(1, n => (201, Avatar(n)), 3);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run("1..3 | ForEach-Object { [pscustomobject]@{ Name = \"n$_\"; ImageUrl = 'https://example.com/p.png' } } | New-ArgilAvatar -ThrottleLimit 1" + AsLines);
        Assert.Equal(new[] { "n1", "n2", "n3" }, r.Output.Select(o => o.ToString()));
        Assert.Equal(1, server.MaxInFlight);
    }

    [Fact]
    public void ErrorsKeepTheirPlaceAndACreationIsNeverSentTwiceAfterA500()
    {
        // n3 is refused (400); n6 fails with a 500, after which the avatar may exist: never sent again.
        using var server = new GatedServer(4, n => n switch
        {
            3 => (400, "{\"code\":400,\"message\":\"Validation error\"}"),
            6 => (500, "{\"code\":500,\"message\":\"boom\"}"),
            _ => (201, Avatar(n)),
        }, 8);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run(EightRows + " | New-ArgilAvatar" + AsLines);
        Assert.Equal(new[] { "n1", "n2", "error n3", "n4", "n5", "error n6", "n7", "n8" }, r.Output.Select(o => o.ToString()));
        Assert.Equal(8, server.Server.Requests);
        var mayExist = host.Run(EightRows + " | Select-Object -Skip 5 -First 1 | New-ArgilAvatar -ThrottleLimit 1 -ErrorVariable e -ErrorAction SilentlyContinue; $e[0].ToString()");
        Assert.Contains("may have been created", mayExist.Output.Last().ToString());
    }

    [Fact]
    public void PipedIdsAreGotFourAtATimeInInputOrderWithNotFoundInPlace()
    {
        using var server = new GatedServer(4, n => n == 2 ? (404, "{\"code\":404,\"message\":\"Avatar not found\"}") : (200, Avatar(n)), 8);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run("1..8 | ForEach-Object { \"id-$_\" } | Get-ArgilAvatar" + AsLines);
        Assert.Equal(new[] { "n1", "error id-2", "n3", "n4", "n5", "n6", "n7", "n8" }, r.Output.Select(o => o.ToString()));
        Assert.Equal(4, server.MaxInFlight);
    }

    [Theory]
    [InlineData("New-ArgilAvatar -Name x -ImageUrl 'https://example.com/p.png' -ThrottleLimit 0")]
    [InlineData("New-ArgilAvatar -Name x -ImageUrl 'https://example.com/p.png' -ThrottleLimit 33")]
    [InlineData("Get-ArgilAvatar -Id a -ThrottleLimit 0")]
    public void AThrottleLimitOutOfRangeIsRefusedBeforeAnyRequest(string command)
    {
        using var server = new GatedServer(1, n => (201, Avatar(n)), 1);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run(command);
        var refusal = r.Terminating?.Message ?? Assert.Single(r.Errors).ToString();
        Assert.Contains("ThrottleLimit", refusal);
        Assert.Equal(0, server.Server.Requests);
    }
}
