using Xunit;
namespace ArgilPS.Tests.Help
{
    public sealed class ZzProbe : IClassFixture<SampleModuleFixture>
    {
        private readonly SampleModuleFixture _m;
        public ZzProbe(SampleModuleFixture m) { _m = m; }
        [Fact]
        public void Dump()
        {
            System.IO.File.WriteAllText("/tmp/probe/full.txt", _m.Engine.Text("Get-Help Get-HelpSample -Full"));
            System.IO.File.WriteAllText("/tmp/probe/about.txt", _m.Engine.Text("Get-Help about_HelpSample"));
            System.IO.File.WriteAllText("/tmp/probe/full80.txt", string.Concat(_m.Engine.Invoke("Get-Help Get-HelpSample -Full | Out-String -Width 80")));
        }
    }
}
