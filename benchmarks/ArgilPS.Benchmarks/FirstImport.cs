using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ArgilPS.Benchmarks;

/// <summary>
/// The first Import-Module in a fresh pwsh process (tools/pwsh: the real pwsh 7.6.9 console), ArgilPS
/// beside an empty binary module that ships a one-view format file (built from
/// benchmarks/ArgilPS.Benchmarks.EmptyModule and laid out here in out/bench/EmptyModule), interleaved,
/// medians. Also the methods the JIT compiled during the import: a count the machine's load does not change much.
/// </summary>
internal static class FirstImport
{
    public static void Run(string repoRoot, string manifest, int runs, Action<string, string, string, double, string, double?> report)
    {
        var pwsh = Path.Combine(repoRoot, "tools", "pwsh", "bin", Program.Configuration, "net10.0", "pwsh.dll");
        if (!File.Exists(pwsh)) throw new FileNotFoundException("Build the solution first: tools/pwsh is not built.", pwsh);
        var empty = LayOutEmptyModule(repoRoot);
        Measure(pwsh, empty); // the first start of a process after a build is slower for both: not counted
        Measure(pwsh, manifest);
        var ours = new List<(double Ms, int Methods)>();
        var baseline = new List<(double Ms, int Methods)>();
        for (var i = 0; i < runs; i++)
        {
            if (i % 2 == 0)
            {
                ours.Add(Measure(pwsh, manifest));
                baseline.Add(Measure(pwsh, empty));
            }
            else
            {
                baseline.Add(Measure(pwsh, empty));
                ours.Add(Measure(pwsh, manifest));
            }
        }
        var oursMs = Program.Median(ours.Select(o => o.Ms));
        var baseMs = Program.Median(baseline.Select(o => o.Ms));
        report("first `Import-Module` in a fresh process", Program.Ms(oursMs), $"empty binary module with a one-view format file: {Program.Ms(baseMs)}", oursMs / baseMs, "×", 1.5);
        var oursJit = Program.Median(ours.Select(o => (double)o.Methods));
        var baseJit = Program.Median(baseline.Select(o => (double)o.Methods));
        report("same: methods compiled by the JIT during the import", oursJit.ToString("0", CultureInfo.InvariantCulture),
            $"empty binary module: {baseJit.ToString("0", CultureInfo.InvariantCulture)}", oursJit / baseJit, "×", null);
    }

    private static (double Ms, int Methods) Measure(string pwsh, string manifest)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { pwsh, "-NoProfile", "-NonInteractive", "-Command",
            "$n = [System.Runtime.JitInfo]::GetCompiledMethodCount($true); $s = [Diagnostics.Stopwatch]::StartNew(); " +
            $"Import-Module '{manifest.Replace("'", "''")}' -ErrorAction Stop; $ms = $s.Elapsed.TotalMilliseconds; " +
            "$ms.ToString([cultureinfo]::InvariantCulture) + ' ' + ([System.Runtime.JitInfo]::GetCompiledMethodCount($true) - $n)" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var parts = output.Trim().Split(' ');
        if (process.ExitCode != 0 || parts.Length != 2) throw new InvalidOperationException($"The import in a fresh process failed: {output} {error}");
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>out/bench/EmptyModule: the baseline's assembly, a manifest, and a format file with one table view.</summary>
    internal static string LayOutEmptyModule(string repoRoot)
    {
        var built = Path.Combine(repoRoot, "benchmarks", "ArgilPS.Benchmarks.EmptyModule", "bin", Program.Configuration, "netstandard2.0", "EmptyModule.dll");
        if (!File.Exists(built)) throw new FileNotFoundException("Build the solution first: the empty module is not built.", built);
        var folder = Path.Combine(repoRoot, "out", "bench", "EmptyModule");
        Directory.CreateDirectory(folder);
        File.Copy(built, Path.Combine(folder, "EmptyModule.dll"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "EmptyModule.psd1"), """
            @{
                RootModule        = 'EmptyModule.dll'
                ModuleVersion     = '1.0.0'
                GUID              = '0b5c7a4e-3f7d-4c55-9a8e-6f1e2d3c4b5a'
                PowerShellVersion = '5.1'
                FormatsToProcess  = @('EmptyModule.format.ps1xml')
                CmdletsToExport   = @('Get-EmptyThing')
                FunctionsToExport = @()
                VariablesToExport = @()
                AliasesToExport   = @()
            }
            """);
        File.WriteAllText(Path.Combine(folder, "EmptyModule.format.ps1xml"), """
            <?xml version="1.0" encoding="utf-8"?>
            <Configuration>
              <ViewDefinitions>
                <View>
                  <Name>EmptyModule.Thing</Name>
                  <ViewSelectedBy><TypeName>EmptyModule.Thing</TypeName></ViewSelectedBy>
                  <TableControl>
                    <TableHeaders><TableColumnHeader><Label>Name</Label></TableColumnHeader></TableHeaders>
                    <TableRowEntries>
                      <TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry>
                    </TableRowEntries>
                  </TableControl>
                </View>
              </ViewDefinitions>
            </Configuration>
            """);
        return Path.Combine(folder, "EmptyModule.psd1");
    }
}
