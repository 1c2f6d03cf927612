using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Tests.Infrastructure;

namespace ArgilPS.Tests.Console;

/// <summary>
/// Runs the repository's console (tools/pwsh: real pwsh on the SDK's engine) as a separate process,
/// as a user runs it, and captures what it printed with colours removed.
/// </summary>
internal sealed record PwshProcess(int ExitCode, string Output, string Error)
{
    private static readonly Regex Ansi = new(@"\x1b(\[[0-9;?]*[ -/]*[@-~]|[=>]|\][^\x07\x1b]*(\x07|\x1b\\))", RegexOptions.Compiled);

    /// <summary>pwsh.dll as the test project's build copied it (tools/pwsh is a project reference).</summary>
    public static string Console => Path.Combine(AppContext.BaseDirectory, "pwsh.dll");

    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    /// <summary>Runs <c>dotnet pwsh.dll args...</c> in the repository root, with a generous time limit.</summary>
    public static Task<PwshProcess> RunAsync(params string[] args) => RunAsync(Dotnet, Prepend(Console, args));

    /// <summary>Runs a command line, killing it and failing if it does not end within the limit.</summary>
    public static async Task<PwshProcess> RunAsync(string fileName, IEnumerable<string> args, TimeSpan? limit = null)
    {
        ProcessStartInfo start = StartInfo(fileName, args);
        start.Environment["NO_COLOR"] = "1";
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(" ", start.ArgumentList)}' did not end in time.\n{await output}\n{await error}");
        }
        return new PwshProcess(process.ExitCode, Ansi.Replace(await output, ""), Ansi.Replace(await error, ""));
    }

    /// <summary>
    /// Runs a command that gives its child a terminal (script(1)), playing the terminal's part: every
    /// cursor-position query (ESC [6n) the child writes is answered, as a terminal emulator would.
    /// </summary>
    public static async Task<PwshProcess> RunInTerminalAsync(string fileName, IEnumerable<string> args)
    {
        ProcessStartInfo start = StartInfo(fileName, args);
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = new StringBuilder();
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer, timeout.Token)) > 0)
            {
                int before = Count(output, "\x1b[6n");
                output.Append(buffer, 0, read);
                for (int i = Count(output, "\x1b[6n") - before; i > 0; i--)
                {
                    await process.StandardInput.WriteAsync("\x1b[1;1R");
                    await process.StandardInput.FlushAsync();
                }
            }
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(" ", start.ArgumentList)}' did not end in time.\n{output}");
        }
        return new PwshProcess(process.ExitCode, Ansi.Replace(output.ToString(), ""), Ansi.Replace(await error, ""));
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = ModuleAssembly.RepoRoot,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    private static int Count(StringBuilder text, string what)
    {
        int count = 0;
        string s = text.ToString();
        for (int at = s.IndexOf(what, StringComparison.Ordinal); at >= 0; at = s.IndexOf(what, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static IEnumerable<string> Prepend(string first, string[] rest)
    {
        yield return first;
        foreach (string item in rest) yield return item;
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
