using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using ArgilPS.Avatars;
using ArgilPS.Core;

namespace ArgilPS.Benchmarks;

/// <summary>
/// Measures what users feel: import time, the cost of a cmdlet call over the raw HTTP call, and
/// JSON parsing. Each figure is reported beside a baseline measured in the same run, as a ratio,
/// so the numbers mean something on any machine. Run: dotnet run -c Release --project benchmarks/ArgilPS.Benchmarks
/// </summary>
public static class Program
{
    private static string RepoRoot = "";
    private static string Manifest => Path.Combine(RepoRoot, "out", "ArgilPS", "ArgilPS.psd1");

    public static int Main(string[] args)
    {
        RepoRoot = FindRepoRoot();
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "ArgilPS" ? context.LoadFromAssemblyPath(Path.Combine(RepoRoot, "out", "ArgilPS", "ArgilPS.dll")) : null;
        var quick = args.Contains("--quick");
        Console.WriteLine($"ArgilPS benchmarks ({(quick ? "quick" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        ImportTime(quick ? 3 : 10);
        CmdletOverhead(quick ? 20 : 200);
        JsonParsing(quick ? 50 : 500);
        return 0;
    }

    private static void ImportTime(int runs)
    {
        // Baseline: importing Microsoft.PowerShell.Utility, a module every session loads.
        var ours = new List<double>();
        var baseline = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            baseline.Add(TimeInFreshRunspace("Import-Module Microsoft.PowerShell.Utility -Force"));
            ours.Add(TimeInFreshRunspace($"Import-Module '{Manifest}' -Force"));
        }
        var first = ours[0];
        Report("Import-Module ArgilPS (warm process)", Median(ours.Skip(1).DefaultIfEmpty(first)), "Import-Module Microsoft.PowerShell.Utility", Median(baseline.Skip(1).DefaultIfEmpty(baseline[0])));
        Console.WriteLine($"  first import in this process (cold JIT): {first:0.0} ms");
    }

    private static double TimeInFreshRunspace(string script)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        var watch = Stopwatch.StartNew();
        ps.Invoke();
        watch.Stop();
        if (ps.HadErrors) throw new InvalidOperationException(string.Join("; ", ps.Streams.Error));
        return watch.Elapsed.TotalMilliseconds;
    }

    private static void CmdletOverhead(int calls)
    {
        // Baseline: Invoke-RestMethod to the same sandbox endpoint, with the same key header.
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Invoke(runspace, $"Import-Module '{Manifest}'; Connect-Argil -Sandbox -Scope Runspace");
        var ctx = Invoke(runspace, "Get-ArgilContext").Single();
        var sandbox = ArgilPS.Session.SessionStore.Connected(runspace)!.Sandbox!;
        var uri = sandbox.BaseUri + "avatars";
        runspace.SessionStateProxy.SetVariable("benchUri", uri);
        runspace.SessionStateProxy.SetVariable("benchHeaders", new System.Collections.Hashtable { ["x-api-key"] = sandbox.ApiKey });
        Invoke(runspace, "1..5 | ForEach-Object { Get-ArgilAvatar; Invoke-RestMethod -Uri $benchUri -Headers $benchHeaders }");
        var ours = Time(runspace, $"foreach ($i in 1..{calls}) {{ $null = Get-ArgilAvatar }}") / calls;
        var baseline = Time(runspace, $"foreach ($i in 1..{calls}) {{ $null = Invoke-RestMethod -Uri $benchUri -Headers $benchHeaders }}") / calls;
        Report("Get-ArgilAvatar (list, typed objects)", ours, "Invoke-RestMethod, same request", baseline);
        GC.KeepAlive(ctx);
    }

    private static void JsonParsing(int runs)
    {
        // Baseline: the same list parsed by reflection-based System.Text.Json into the same DTOs.
        var json = AvatarListJson(100);
        var reflection = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        for (var i = 0; i < 20; i++)
        {
            JsonSerializer.Deserialize(json, AvatarJsonContext.Default.ListAvatarDto);
            JsonSerializer.Deserialize<List<AvatarDto?>>(json, reflection);
        }
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var list = JsonSerializer.Deserialize(json, AvatarJsonContext.Default.ListAvatarDto)!;
            foreach (var dto in list) AvatarMapper.ToAvatar(dto!);
        }
        var ours = watch.Elapsed.TotalMilliseconds / runs;
        var oursBytes = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / runs;
        allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        watch.Restart();
        for (var i = 0; i < runs; i++)
        {
            var list = JsonSerializer.Deserialize<List<AvatarDto?>>(json, reflection)!;
            foreach (var dto in list) AvatarMapper.ToAvatar(dto!);
        }
        var baseline = watch.Elapsed.TotalMilliseconds / runs;
        var baselineBytes = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / runs;
        Report($"Parse + map 100 avatars ({json.Length / 1024} KB), source-generated", ours, "reflection-based System.Text.Json", baseline);
        Console.WriteLine($"  allocated per parse: {oursBytes / 1024.0:0.0} KB vs {baselineBytes / 1024.0:0.0} KB (ratio {(double)oursBytes / baselineBytes:0.00})");
    }

    private static string AvatarListJson(int count)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{Guid.NewGuid()}\",\"name\":\"Avatar {i}\",\"actorName\":\"Actor\",\"createdAt\":\"2026-01-02T03:04:05.000Z\",\"updatedAt\":\"2026-01-02T03:04:35.000Z\",")
              .Append("\"gestures\":[{\"label\":\"Wave\",\"slug\":\"wave\",\"startFrame\":0},{\"label\":\"Point\",\"slug\":\"point\",\"startFrame\":120}],")
              .Append("\"status\":\"IDLE\",\"width\":1920,\"height\":1080,\"thumbnailUrl\":\"https://cdn.example.com/t.jpg\",\"coverImageUrl\":\"https://cdn.example.com/c.jpg\",")
              .Append("\"extras\":{\"team\":\"sales\",\"employeeId\":\"4711\"},\"orientation\":\"ASPECT_RATIO_16_9\",\"model\":\"ARGIL_ATOM\"}");
        }
        return sb.Append(']').ToString();
    }

    private static List<PSObject> Invoke(Runspace runspace, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        var result = ps.AddScript(script).Invoke().ToList();
        if (ps.HadErrors) throw new InvalidOperationException(string.Join("; ", ps.Streams.Error));
        return result;
    }

    private static double Time(Runspace runspace, string script)
    {
        var watch = Stopwatch.StartNew();
        Invoke(runspace, script);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Report(string what, double ms, string baselineName, double baselineMs)
    {
        Console.WriteLine($"{what}: {ms:0.000} ms");
        Console.WriteLine($"  baseline, {baselineName}: {baselineMs:0.000} ms; ratio {ms / baselineMs:0.00}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ArgilPS.sln"))) return dir.FullName;
        throw new InvalidOperationException("ArgilPS.sln not found");
    }
}
