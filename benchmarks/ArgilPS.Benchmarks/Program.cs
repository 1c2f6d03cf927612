using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace ArgilPS.Benchmarks;

/// <summary>
/// What users feel, end to end, each figure beside a baseline measured in the same run and given as a
/// ratio, against a loopback server (<see cref="BenchServer"/>) with an optional added latency:
/// first import in fresh pwsh processes, one call, a 50,000-avatar list, a wait on 50 avatars and 50
/// piped creations. One command: dotnet run -c Release --project benchmarks/ArgilPS.Benchmarks [-- --quick] [--latency 100].
/// See docs/benchmarks.md for what each figure means.
/// </summary>
public static class Program
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly List<string[]> Rows = new();
    private static string RepoRoot = "";
    private static string Manifest => Path.Combine(RepoRoot, "out", "ArgilPS", "ArgilPS.psd1");

    public static int Main(string[] args)
    {
        RepoRoot = FindRepoRoot();
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "ArgilPS" ? context.LoadFromAssemblyPath(Path.Combine(RepoRoot, "out", "ArgilPS", "ArgilPS.dll")) : null;
        if (args.Length >= 3 && args[0] == "--child-list") return ListMemory.Child(args[1], new Uri(args[2]));

        var quick = args.Contains("--quick");
        var latency = TimeSpan.FromMilliseconds(Option(args, "--latency", 0));
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        bool Wanted(string name) => only is null || only.Split(',').Contains(name, StringComparer.OrdinalIgnoreCase);

        Console.WriteLine($"ArgilPS whole-process benchmark ({(quick ? "quick" : "full")}), added latency {latency.TotalMilliseconds:0} ms");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine($"load average at start: {LoadAverage()}");
        Console.WriteLine();

        if (Wanted("import")) FirstImport.Run(RepoRoot, Manifest, quick ? 5 : 15, Report);
        using (var server = new BenchServer(latency))
        {
            RawClient.BaseUri = server.BaseUri;
            if (Wanted("call")) SingleCall(server, quick ? 10 : 40, batch: latency > TimeSpan.Zero ? 2 : 10);
            if (Wanted("list")) ListMemory.Run(server, quick ? 1 : 3, Report);
            if (Wanted("wait")) Wait(server, quick ? 1 : 3);
            if (Wanted("create")) PipedCreate(server, quick ? 1 : 3);
        }

        Console.WriteLine();
        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| what | ArgilPS | baseline, same run | ratio | goal (issue 13) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in Rows) Console.WriteLine("| " + string.Join(" | ", row) + " |");
        return 0;
    }

    /// <summary>
    /// Records one figure beside its baseline: printed now, and in the closing table; with the goal
    /// of issue 13 it answers to (the ratio at most <paramref name="goal"/>), met or not.
    /// </summary>
    internal static void Report(string what, string ours, string baseline, double ratio, string ratioUnit = "×", double? goal = null)
    {
        var verdict = goal is { } g ? $"≤ {g.ToString("0.##", Inv)}{ratioUnit}: {(ratio <= g ? "met" : "NOT met")}" : "";
        Console.WriteLine($"{what}: {ours}; baseline {baseline}; ratio {ratio.ToString("0.00", Inv)}{ratioUnit}{(verdict.Length > 0 ? "; goal " + verdict : "")}");
        Rows.Add(new[] { what, ours, baseline, ratio.ToString("0.00", Inv) + ratioUnit, verdict });
    }

    /// <summary>
    /// Get-ArgilAvatar -Id per call, beside the same object got by a reused HttpClient with
    /// System.Text.Json (called from the same kind of script) and beside Invoke-RestMethod; and, to see
    /// where the time goes, the module's AvatarsApi called without the cmdlet and an empty binary
    /// cmdlet; all interleaved round by round in one runspace, in a rotating order; medians per call,
    /// and as the ratio the median of each round's ratio.
    /// </summary>
    private static void SingleCall(BenchServer server, int rounds, int batch)
    {
        using var runspace = Connected(server);
        var id = "00000000-0000-4000-8000-000000000001";
        runspace.SessionStateProxy.SetVariable("benchId", id);
        runspace.SessionStateProxy.SetVariable("benchUri", new Uri(server.BaseUri, "avatars/" + id).ToString());
        runspace.SessionStateProxy.SetVariable("benchHeaders", new System.Collections.Hashtable { ["x-api-key"] = BenchServer.Key });
        Invoke(runspace, $"Import-Module '{FirstImport.LayOutEmptyModule(RepoRoot).Replace("'", "''")}' -ErrorAction Stop");
        var scripts = new[]
        {
            $"foreach ($i in 1..{batch}) {{ $null = Get-ArgilAvatar -Id $benchId }}",
            $"foreach ($i in 1..{batch}) {{ $null = [ArgilPS.Benchmarks.RawClient]::GetAvatar($benchId) }}",
            $"foreach ($i in 1..{batch}) {{ $null = Invoke-RestMethod -Uri $benchUri -Headers $benchHeaders }}",
            $"foreach ($i in 1..{batch}) {{ $null = [ArgilPS.Benchmarks.ModuleClient]::GetAvatar($benchId) }}",
            $"foreach ($i in 1..{batch}) {{ $null = Get-EmptyThing }}",
            $"foreach ($i in 1..{batch}) {{ $null = [ArgilPS.Benchmarks.RawClient]::GetAvatarAsync($benchId) }}",
        };
        foreach (var s in scripts) Invoke(runspace, s); // warm: JIT, connections
        var times = scripts.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < scripts.Length; k++)
            {
                var which = (r + k) % scripts.Length;
                times[which].Add(Time(() => Invoke(runspace, scripts[which])) / batch);
            }
        }
        // Each round's ratio, then their median: a round's cases run within milliseconds of each
        // other, so a change of the machine's load between rounds cancels out of the ratio.
        double RoundRatio(int a, int b) => Median(times[a].Zip(times[b], (x, y) => x / y));
        string Spread(int a, int b)
        {
            var r = times[a].Zip(times[b], (x, y) => x / y).OrderBy(v => v).ToArray();
            return $"rounds' ratios, middle half {r[r.Length / 4].ToString("0.00", Inv)}–{r[(3 * r.Length) / 4 - (r.Length % 4 == 0 ? 1 : 0)].ToString("0.00", Inv)}";
        }
        var ours = Median(times[0]);
        var raw = Median(times[1]);
        var irm = Median(times[2]);
        Report("`Get-ArgilAvatar -Id`, per call", Ms(ours), $"reused HttpClient + System.Text.Json into `Avatar`: {Ms(raw)} ({Spread(0, 1)})", RoundRatio(0, 1), goal: 1.15);
        Report("`Get-ArgilAvatar -Id`, per call", Ms(ours), $"`Invoke-RestMethod`: {Ms(irm)} ({Spread(0, 2)})", RoundRatio(0, 2), goal: 0.33);
        Report("where the time goes: the module's AvatarsApi called directly (no cmdlet)", Ms(Median(times[3])), $"reused HttpClient + System.Text.Json: {Ms(raw)}", RoundRatio(3, 1));
        Report("where the time goes: an empty binary cmdlet (`Get-EmptyThing`), per call", Ms(Median(times[4])), $"reused HttpClient + System.Text.Json: {Ms(raw)}", RoundRatio(4, 1));
        Report("where the time goes: the same reused HttpClient + System.Text.Json, async (as the module's client)", Ms(Median(times[5])), $"reused HttpClient + System.Text.Json: {Ms(raw)}", RoundRatio(5, 1));

        // Bytes allocated per call in the whole process (the loopback server's share included, the
        // same in each; the machine's load does not change them): the client with a log that says
        // debug output is off, and with one that does not say (RunOrdered's buffered log).
        var calls = server.Latency > TimeSpan.Zero ? 30 : 200;
        var quiet = ModuleClient.AllocatedPerCall(() => ModuleClient.GetAvatar(id), calls);
        long characters = 0;
        var unleveled = ModuleClient.AllocatedPerCall(() => characters = ModuleClient.GetAvatarWithUnleveledLog(id), calls);
        var rawBytes = ModuleClient.AllocatedPerCall(() => RawClient.GetAvatar(id), calls);
        Report("allocated per call: AvatarsApi, log that says debug is off", Kb(quiet), $"reused HttpClient + System.Text.Json: {Kb(rawBytes)}", quiet / rawBytes);
        Report("allocated per call: AvatarsApi, log that does not say (as `RunOrdered`'s buffered log)", Kb(unleveled),
            $"log that says debug is off: {Kb(quiet)}; debug text given to the log: {characters} characters", unleveled / quiet);
    }

    internal static string Kb(double bytes) => (bytes / 1024).ToString("0.0", Inv) + " KB";

    /// <summary>
    /// Wait-ArgilAvatar on 50 avatars that are ready once seen 5 times (5 rounds), polling every
    /// second, beside a loop that asks for the list once a round: time and requests.
    /// </summary>
    private static void Wait(BenchServer server, int runs)
    {
        using var runspace = Connected(server);
        var oursTimes = new List<double>();
        var baseTimes = new List<double>();
        int oursRequests = 0, baseRequests = 0;
        for (var r = 0; r < runs; r++)
        {
            var ids = server.Track(50);
            runspace.SessionStateProxy.SetVariable("benchIds", ids);
            server.ResetRequests();
            oursTimes.Add(Time(() => Invoke(runspace, "$benchIds | Wait-ArgilAvatar -PollingInterval 1 -Timeout 600 | Out-Null")));
            oursRequests = server.Requests;

            server.Track(50);
            server.ResetRequests();
            baseTimes.Add(Time(() => ListLoop().GetAwaiter().GetResult()));
            baseRequests = server.Requests;
        }
        Report("`Wait-ArgilAvatar`, 50 avatars ready after 5 rounds: requests", oursRequests.ToString(Inv), $"one list request a round: {baseRequests}", (double)oursRequests / baseRequests);
        Report("same: requests, against the goal's bound", oursRequests.ToString(Inv), "at most 10 requests", oursRequests / 10.0, goal: 1);
        Report("same: time", Ms(Median(oursTimes)), $"one list request a round: {Ms(Median(baseTimes))}", Median(oursTimes) / Median(baseTimes));

        static async Task ListLoop()
        {
            while (true)
            {
                using var doc = JsonDocument.Parse(RawClient.GetListText());
                if (doc.RootElement.EnumerateArray().All(a => a.GetProperty("status").GetString() == "IDLE")) return;
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// 50 piped New-ArgilAvatar with the default -ThrottleLimit, beside the same pipeline with
    /// -ThrottleLimit 1 (one POST at a time: the sequential time) and 50 POSTs sent at once by one
    /// HttpClient, the three interleaved in a rotating order; medians, and how many requests the server
    /// had in flight at once for each (its check that it overlaps them).
    /// </summary>
    private static void PipedCreate(BenchServer server, int runs)
    {
        using var runspace = Connected(server);
        const string pipe = "1..50 | ForEach-Object { [pscustomobject]@{ Name = \"Bench $_\"; ImageUrl = 'https://example.com/presenter-1920x1080.png' } } | New-ArgilAvatar";
        var body = "{\"type\":\"IMAGE\",\"name\":\"Bench\",\"datasetImage\":{\"url\":\"https://example.com/presenter-1920x1080.png\"}}";
        var cases = new Action[]
        {
            () => Check(Invoke(runspace, pipe + " -ThrottleLimit 1")),
            () => Check(Invoke(runspace, pipe)),
            () => Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUri, "avatars")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("x-api-key", BenchServer.Key);
                using var response = await RawClient.Shared.SendAsync(request).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            })).GetAwaiter().GetResult(),
        };
        Invoke(runspace, "New-ArgilAvatar -Name 'Warm' -ImageUrl 'https://example.com/presenter-1920x1080.png' | Out-Null");
        var times = cases.Select(_ => new List<double>()).ToArray();
        var inFlight = new int[cases.Length];
        for (var r = 0; r < runs; r++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var which = (r + k) % cases.Length;
                server.ResetRequests();
                times[which].Add(Time(cases[which]));
                inFlight[which] = Math.Max(inFlight[which], server.MaxInFlight);
            }
        }
        var sequential = Median(times[0]);
        var ours = Median(times[1]);
        var raw = Median(times[2]);
        Report("50 piped `New-ArgilAvatar`, default `-ThrottleLimit` (4)", Ms(ours), $"`-ThrottleLimit 1` (sequential): {Ms(sequential)}", ours / sequential, goal: 0.3);
        Report("same", Ms(ours), $"50 concurrent POSTs (HttpClient): {Ms(raw)}", ours / raw);
        Report("same: most requests in flight at the server", inFlight[1].ToString(Inv),
            $"`-ThrottleLimit 1`: {inFlight[0]}; 50 concurrent POSTs: {inFlight[2]}", (double)inFlight[1] / Math.Max(1, inFlight[0]));

        static void Check(List<PSObject> created)
        {
            if (created.Count != 50) throw new InvalidOperationException($"New-ArgilAvatar wrote {created.Count} avatars, not 50.");
            for (var i = 0; i < created.Count; i++)
                if (!string.Equals(created[i].Properties["Name"]?.Value as string, $"Bench {i + 1}", StringComparison.Ordinal))
                    throw new InvalidOperationException($"New-ArgilAvatar's output {i + 1} is not 'Bench {i + 1}': the input order was not kept.");
        }
    }

    /// <summary>A runspace with the built module imported and connected to <paramref name="server"/>.</summary>
    internal static Runspace Connected(BenchServer server) => Connected(server.BaseUri);

    /// <summary>A runspace with the built module imported and connected to <paramref name="baseUri"/>.</summary>
    internal static Runspace Connected(Uri baseUri)
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("benchKey", BenchServer.Key);
        Invoke(runspace, $"Import-Module '{Manifest}' -ErrorAction Stop; " +
            $"Connect-Argil -ApiKey (ConvertTo-SecureString $benchKey -AsPlainText -Force) -BaseUri '{baseUri}' -Scope Runspace -MaximumRetryCount 0 -TimeoutSec 600");
        return runspace;
    }

    internal static List<PSObject> Invoke(Runspace runspace, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        var result = ps.AddScript(script).Invoke().ToList();
        if (ps.HadErrors) throw new InvalidOperationException(string.Join("; ", ps.Streams.Error));
        return result;
    }

    internal static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    internal static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0", Inv) + " ms";

    internal static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("0", Inv) + " MB";

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to read beside the figures.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" ({Environment.ProcessorCount} cores)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "not known on this system";
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, Inv, out var value) ? value : fallback;
    }

    internal static string Configuration =>
        typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ArgilPS.sln"))) return dir.FullName;
        throw new InvalidOperationException("ArgilPS.sln not found");
    }
}
