using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Packaging;

/// <summary>
/// The module a plain `dotnet build` lays out in out/ArgilPS (the README's from-source install, and
/// what the tests import) is compiled as build.ps1 ships it: optimised, saying Release.
/// </summary>
public sealed class ModuleBuildTests
{
    [Fact]
    public void TheLaidOutModuleIsTheReleaseBuildWhateverTheConfiguration()
    {
        using var stream = File.OpenRead(Path.Combine(ModuleAssembly.ModuleFolder, "ArgilPS.dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var attributes = metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(metadata.GetCustomAttribute)
            .Select(a => (Type: AttributeName(metadata, a), Value: metadata.GetBlobBytes(a.Value)))
            .ToList();

        // DebuggableAttribute(DebuggingModes): a Debug build sets DisableOptimizations (0x100), and
        // the JIT then leaves every method of the module unoptimised.
        var debuggable = Assert.Single(attributes, a => a.Type == "DebuggableAttribute").Value;
        var modes = System.BitConverter.ToInt32(debuggable, 2);
        Assert.Equal(0, modes & 0x100);
        var configuration = Assert.Single(attributes, a => a.Type == "AssemblyConfigurationAttribute").Value;
        Assert.Equal("Release", System.Text.Encoding.UTF8.GetString(configuration, 3, configuration[2]));
    }

    private static string AttributeName(MetadataReader metadata, CustomAttribute attribute)
    {
        var parent = attribute.Constructor.Kind == HandleKind.MemberReference
            ? metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
            : metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        return parent.Kind == HandleKind.TypeReference
            ? metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name)
            : metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)parent).Name);
    }
}
