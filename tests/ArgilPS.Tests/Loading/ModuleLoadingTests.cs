using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using ArgilPS.Loading;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Loading;

public class ModuleLoadingTests
{
    private static readonly string Dependencies = Path.Combine(ModuleAssembly.ModuleFolder, "Dependencies");

    [Fact]
    public void TheResolverAnswersOnlyForTheModulesOwnDependenciesWhateverVersionIsAsked()
    {
        var files = Directory.GetFiles(Dependencies, "*.dll");
        var resolver = new DependencyResolver(Dependencies, files);
        Assert.Equal(Path.Combine(Dependencies, "System.Text.Json.dll"), resolver.Decide(new AssemblyName("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")));
        Assert.Equal(Path.Combine(Dependencies, "System.Runtime.CompilerServices.Unsafe.dll"), resolver.Decide(new AssemblyName("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1")));
        Assert.Equal(Path.Combine(Dependencies, "System.Memory.dll"), resolver.Decide(new AssemblyName("System.Memory, Version=4.0.1.2")));
        Assert.Null(resolver.Decide(new AssemblyName("Newtonsoft.Json, Version=13.0.0.0")));
        Assert.Null(resolver.Decide(new AssemblyName("Microsoft.Identity.Client")));
    }

    [Fact]
    public void TheDependencyFolderHoldsTheWholeSystemTextJsonGraphForWindowsPowerShell()
    {
        var names = Directory.GetFiles(Dependencies, "*.dll").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "Microsoft.Bcl.AsyncInterfaces", "System.Buffers", "System.Memory", "System.Numerics.Vectors",
            "System.Runtime.CompilerServices.Unsafe", "System.Text.Encodings.Web", "System.Text.Json", "System.Threading.Tasks.Extensions" }, names);
        Assert.False(File.Exists(Path.Combine(ModuleAssembly.ModuleFolder, "System.Management.Automation.dll")));
        Assert.Equal(new Version(8, 0, 0, 0), AssemblyName.GetAssemblyName(Path.Combine(Dependencies, "System.Text.Json.dll")).Version);
    }

    [Theory]
    [InlineData(".NET Framework 4.8.9032.0", true)]
    [InlineData(".NET 10.0.0", false)]
    [InlineData(".NET 8.0.11", false)]
    public void OnlyWindowsPowerShellHooksTheResolver(string framework, bool hooks) =>
        Assert.Equal(hooks, ModuleInitializer.IsWindowsPowerShell(framework));

    [Fact]
    public void OnPowerShell7TheHostsOwnSystemTextJsonServesEvenAfterAnotherVersionWasLoaded()
    {
        // Another module loaded its own (older) System.Text.Json first, in a context of its own.
        var other = new AssemblyLoadContext("another-module", isCollectible: true);
        var theirs = other.LoadFromAssemblyPath(Path.Combine(Dependencies, "System.Text.Json.dll"));
        try
        {
            using var s = new SandboxHost();
            var r = s.Run("Get-ArgilAvatar -Visibility public | ForEach-Object Name");
            Assert.Empty(r.Errors);
            Assert.Equal(3, r.Output.Count);
            var ours = typeof(Avatar).Assembly.GetReferencedAssemblies().Single(a => a.Name == "System.Text.Json");
            var loaded = AssemblyLoadContext.GetLoadContext(typeof(Avatar).Assembly)!.Assemblies.Concat(AssemblyLoadContext.Default.Assemblies)
                .First(a => a.GetName().Name == "System.Text.Json");
            Assert.Equal(new Version(8, 0, 0, 0), ours.Version);
            Assert.True(loaded.GetName().Version >= new Version(10, 0), "the framework's copy serves");
            Assert.NotSame(theirs, loaded);
        }
        finally
        {
            other.Unload();
        }
    }
}
