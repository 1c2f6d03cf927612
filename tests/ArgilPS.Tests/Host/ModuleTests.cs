using System.IO;
using ArgilPS.Host;
using Xunit;

namespace ArgilPS.Tests.Host
{
    public class ModuleTests
    {
        [Fact]
        public void NoModuleRunsWithoutLookingForTheArgilModule()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "@(Get-Module ArgilPS).Count");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("0", run.Output.Trim());
        }

        [Fact]
        public void ModuleOptionImportsTheGivenManifestFirst()
        {
            using var dir = new TempDirectory();
            dir.WriteFile("Demo/Demo.psm1", "function Get-Greeting { 'hello from Demo' }");
            string manifest = dir.WriteFile(
                "Demo/Demo.psd1",
                "@{ RootModule = 'Demo.psm1'; ModuleVersion = '1.0.0'; FunctionsToExport = @('Get-Greeting') }");

            HostRun run = HostRun.Redirected("-Module", manifest, "-Command", "Get-Greeting");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("hello from Demo", run.Output.Trim());
        }

        [Fact]
        public void FailedModuleImportExitsOneWithoutRunningTheScript()
        {
            using var dir = new TempDirectory();
            string missing = Path.Combine(dir.Path, "Missing.psd1");

            HostRun run = HostRun.Redirected("-Module", missing, "-Command", "'should not run'");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Import-Module:", run.Error);
            Assert.DoesNotContain("should not run", run.Output);
        }

        [Fact]
        public void DefaultManifestIsFoundFromANestedDirectory()
        {
            using var dir = new TempDirectory();
            dir.WriteFile(ModuleLocator.SolutionFileName, string.Empty);
            string manifest = dir.WriteFile(ModuleLocator.ManifestRelativePath, "@{}");
            Directory.CreateDirectory(Path.Combine(dir.Path, "samples", "deep"));

            bool found = ModuleLocator.TryFindDefaultManifest(
                new[] { Path.Combine(dir.Path, "samples", "deep") },
                out string path,
                out _);

            Assert.True(found);
            Assert.Equal(manifest, path);
        }

        [Fact]
        public void UnbuiltModuleAsksForDotnetBuild()
        {
            using var dir = new TempDirectory();
            dir.WriteFile(ModuleLocator.SolutionFileName, string.Empty);

            bool found = ModuleLocator.TryFindDefaultManifest(new[] { dir.Path }, out _, out string problem);

            Assert.False(found);
            Assert.Contains("Run 'dotnet build'", problem);
        }

        [Fact]
        public void LaterStartDirectoriesAreTriedWhenTheFirstIsOutsideTheRepository()
        {
            using var outside = new TempDirectory();
            using var repo = new TempDirectory();
            repo.WriteFile(ModuleLocator.SolutionFileName, string.Empty);

            string? root = ModuleLocator.FindRepositoryRoot(new[] { outside.Path, repo.Path });

            Assert.Equal(repo.Path, root);
        }
    }
}
