using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace ArgilPS.Tests.Infrastructure;

/// <summary>Where the repository and the built module are, and the hook that loads ArgilPS.dll from there.</summary>
public static class ModuleAssembly
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string ModuleFolder => Path.Combine(RepoRoot, "out", "ArgilPS");
    public static string ManifestPath => Path.Combine(ModuleFolder, "ArgilPS.psd1");

    [ModuleInitializer]
    internal static void Hook()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "ArgilPS" ? context.LoadFromAssemblyPath(Path.Combine(ModuleFolder, "ArgilPS.dll")) : null;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ArgilPS.sln"))) return dir.FullName;
        throw new InvalidOperationException("ArgilPS.sln not found above " + AppContext.BaseDirectory);
    }
}
