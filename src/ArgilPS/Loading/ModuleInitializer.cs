using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using ArgilPS.Session;

namespace ArgilPS.Loading;

/// <summary>
/// Owns dependency loading, so nothing else has to think about it. On PowerShell 7 the host's own
/// System.Text.Json (8.0 or newer) satisfies the module's 8.0 reference, and this does nothing. On
/// Windows PowerShell 5.1, which has no binding redirects, it answers AssemblyResolve for exactly
/// the files in the module's Dependencies folder, whatever version is asked for.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static DependencyResolver? _resolver;

    /// <inheritdoc/>
    public void OnImport()
    {
        if (!IsWindowsPowerShell(RuntimeInformation.FrameworkDescription)) return;
        lock (Gate)
        {
            if (_resolver is not null) return; // imported again in the same process: already hooked
            var folder = Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");
            _resolver = new DependencyResolver(folder, Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dll") : Array.Empty<string>());
            AppDomain.CurrentDomain.AssemblyResolve += _resolver.Resolve;
        }
        // Windows PowerShell may default to TLS 1.0/1.1, which api.argil.ai refuses.
        ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
    }

    /// <inheritdoc/>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        // The connection lives in static state that outlives the module: end it, so the sandbox
        // stops listening and a later Import-Module starts unconnected.
        SessionStore.RemoveOnUnload(Runspace.DefaultRunspace);
        lock (Gate)
        {
            if (_resolver is null) return;
            AppDomain.CurrentDomain.AssemblyResolve -= _resolver.Resolve;
            _resolver = null;
        }
    }

    internal static bool IsWindowsPowerShell(string frameworkDescription) =>
        frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The resolver's decisions, apart from the AppDomain so they can be tested anywhere.</summary>
internal sealed class DependencyResolver
{
    private readonly Dictionary<string, string> _files;

    public DependencyResolver(string folder, IEnumerable<string> files)
    {
        Folder = folder;
        _files = files.ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => f, StringComparer.OrdinalIgnoreCase);
    }

    public string Folder { get; }

    /// <summary>The file to load for a request, or null to let the runtime (or another module) answer it.</summary>
    public string? Decide(AssemblyName requested) =>
        requested.Name is { } name && _files.TryGetValue(name, out var path) ? path : null;

    internal Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var path = Decide(new AssemblyName(args.Name));
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
