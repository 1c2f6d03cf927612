using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Host;
using Xunit;

namespace ArgilPS.Tests.Host
{
    public class CancellationTests
    {
        [Fact]
        public async Task CancellationStopsTheRunningPipelineAndExitsNonZero()
        {
            var stdout = new SignallingWriter("ready");
            var console = new HostConsole(stdout, new StringWriter(), new StringReader(string.Empty), false, false, false);
            using var cancellation = new CancellationTokenSource();

            Task<int> run = Task.Run(() => HostProgram.Run(
                new[] { "-NoModule", "-Command", "'ready'; while ($true) { $null = 1 }" },
                console,
                cancellation.Token));
            Assert.True(stdout.Signal.Wait(TimeSpan.FromSeconds(30)), "the script never started");
            cancellation.Cancel();

            Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        /// <summary>Lets the test wait, without sleeping, until the script has printed a marker.</summary>
        private sealed class SignallingWriter : StringWriter
        {
            private readonly string _marker;

            public SignallingWriter(string marker)
            {
                _marker = marker;
            }

            public ManualResetEventSlim Signal { get; } = new ManualResetEventSlim();

            public override Encoding Encoding => Encoding.UTF8;

            public override void Write(string? value)
            {
                base.Write(value);
                if (value is not null && value.Contains(_marker, StringComparison.Ordinal))
                {
                    Signal.Set();
                }
            }
        }
    }
}
