using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ArgilPS.Benchmarks;

/// <summary>
/// Listing 50,000 avatars (a body of about 28 MB): the growth of the peak working set and the bytes
/// allocated, `Get-ArgilAvatar | Out-Null` beside reading the same body as one string with
/// HttpClient. Each measure runs in a fresh child process of this program (a peak is a process's
/// high-water mark), after a warm-up call, so neither pays for the other.
/// </summary>
internal static class ListMemory
{
    private const int Count = 50_000;

    public static void Run(BenchServer server, int runs, Action<string, string, string, double, string, double?> report)
    {
        var body = BenchServer.LargeList(Count);
        server.ListBody = body;
        try
        {
            var ours = new List<(long Peak, long Allocated, int Count)>();
            var raw = new List<(long Peak, long Allocated, int Count)>();
            var pipeline = new List<(long Peak, long Allocated, int Count)>();
            for (var i = 0; i < runs; i++)
            {
                ours.Add(Spawn("module", server.BaseUri));
                raw.Add(Spawn("raw", server.BaseUri));
                pipeline.Add(Spawn("pipeline", server.BaseUri));
            }
            if (ours.Any(o => o.Count != Count)) throw new InvalidOperationException($"Get-ArgilAvatar listed {ours[0].Count} avatars, not {Count}.");
            var size = $"{Count:N0} avatars, {Program.Mb(body.Length)} body";
            double Med(IEnumerable<long> v) => Program.Median(v.Select(x => (double)x));
            var oursPeak = Med(ours.Select(o => o.Peak));
            var rawPeak = Med(raw.Select(o => o.Peak));
            var oursAllocated = Med(ours.Select(o => o.Allocated));
            var rawAllocated = Med(raw.Select(o => o.Allocated));
            report($"list {size}: peak working-set growth", Program.Mb(oursPeak), $"HttpClient, body as one string: {Program.Mb(rawPeak)}", oursPeak / rawPeak, "×", 1.5);
            report("same: allocated", Program.Mb(oursAllocated), $"the body's size: {Program.Mb(body.Length)}", oursAllocated / body.Length, "×", 3);
            report("same: allocated", Program.Mb(oursAllocated), $"HttpClient, body as one string: {Program.Mb(rawAllocated)}", oursAllocated / rawAllocated, "×", null);
            var pipelineAllocated = Med(pipeline.Select(o => o.Allocated));
            report("where the allocations go: 50,000 avatars built beforehand, `\\| Measure-Object` alone", Program.Mb(pipelineAllocated), $"the body's size: {Program.Mb(body.Length)}", pipelineAllocated / body.Length, "×", null);
            report("same: ArgilPS's allocations less that pipeline floor", Program.Mb(oursAllocated - pipelineAllocated), $"the body's size: {Program.Mb(body.Length)}", (oursAllocated - pipelineAllocated) / body.Length, "×", null);
            Timing(server, runs, size, report);
        }
        finally
        {
            server.ListBody = null;
        }
    }

    /// <summary>
    /// In one runspace, interleaved: the time until the first avatar is on the pipeline
    /// (`Get-ArgilAvatar | Select-Object -First 1`, which then hangs up), the whole list through the
    /// pipeline (`Get-ArgilAvatar | Measure-Object`), and HttpClient reading the whole body as one string.
    /// </summary>
    private static void Timing(BenchServer server, int runs, string size, Action<string, string, string, double, string, double?> report)
    {
        using var runspace = Program.Connected(server);
        var cases = new Action[]
        {
            () => Program.Invoke(runspace, "$null = Get-ArgilAvatar | Select-Object -First 1"),
            () => Program.Invoke(runspace, "$null = Get-ArgilAvatar | Measure-Object"),
            () => GC.KeepAlive(RawClient.GetListText()),
        };
        foreach (var c in cases) c(); // warm
        var times = cases.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < Math.Max(3, runs * 2); r++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var which = (r + k) % cases.Length;
                GC.Collect();
                times[which].Add(Program.Time(cases[which]));
            }
        }
        var first = Program.Median(times[0]);
        var all = Program.Median(times[1]);
        var raw = Program.Median(times[2]);
        report($"list {size}: time to the first object", Program.Ms(first), $"HttpClient, whole body as one string: {Program.Ms(raw)}", first / raw, "×", null);
        report("same: time to the whole list through the pipeline", Program.Ms(all), $"HttpClient, whole body as one string: {Program.Ms(raw)}", all / raw, "×", null);
    }

    private static (long Peak, long Allocated, int Count) Spawn(string which, Uri baseUri)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add("--child-list");
        start.ArgumentList.Add(which);
        start.ArgumentList.Add(baseUri.ToString());
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null) throw new InvalidOperationException($"The {which} list child failed: {output} {error}");
        var parts = line.Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    /// <summary>In the child process: warm up, then list once and print "RESULT peak-growth allocated count".</summary>
    public static int Child(string which, Uri baseUri)
    {
        RawClient.BaseUri = baseUri;
        System.Management.Automation.Runspaces.Runspace? runspace = null;
        if (which == "module")
        {
            runspace = Program.Connected(baseUri);
            Program.Invoke(runspace, "$null = Get-ArgilAvatar -Id warm-up");
        }
        else if (which == "pipeline")
        {
            // The floor of the PowerShell side: the same 50,000 avatars, built before the measure,
            // through the same `| Measure-Object`.
            runspace = Program.Connected(baseUri);
            Program.Invoke(runspace, "$null = Get-ArgilAvatar -Id warm-up");
            runspace.SessionStateProxy.SetVariable("benchAvatars", RawClient.GetListAvatars());
        }
        else
        {
            RawClient.GetAvatar("warm-up");
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ResetPeak();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var before = self.WorkingSet64;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        int count;
        if (runspace is not null)
            count = Convert.ToInt32(Program.Invoke(runspace, which == "pipeline" ? "($benchAvatars | Measure-Object).Count" : "(Get-ArgilAvatar | Measure-Object).Count").Single().BaseObject, CultureInfo.InvariantCulture);
        else
        {
            var text = RawClient.GetListText();
            count = text.Length > 0 ? Count : 0;
            GC.KeepAlive(text);
        }
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        self.Refresh();
        Console.WriteLine($"RESULT {Math.Max(0, self.PeakWorkingSet64 - before)} {allocated} {count}");
        runspace?.Dispose();
        return 0;
    }

    /// <summary>Resets the peak working set (Linux: /proc/self/clear_refs); elsewhere the peak is the process's own.</summary>
    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // The peak since the process started: the warm-up is small beside the list.
        }
    }
}
