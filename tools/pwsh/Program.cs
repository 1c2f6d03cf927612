using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ArgilPS.Pwsh;

/// <summary>
/// pwsh itself (PowerShell's console host, from Microsoft.PowerShell.SDK), with this repository's
/// out/ folder first on PSModulePath so that <c>Import-Module ArgilPS</c> finds the module just built.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string moduleRoot = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "ArgilPSModuleRoot").Value!;
        string? current = Environment.GetEnvironmentVariable("PSModulePath");
        Environment.SetEnvironmentVariable("PSModulePath",
            string.IsNullOrEmpty(current) ? moduleRoot : moduleRoot + Path.PathSeparator + current);
        return Microsoft.PowerShell.UnmanagedPSEntry.Start(args, args.Length);
    }
}
