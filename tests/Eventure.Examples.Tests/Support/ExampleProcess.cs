using System.Diagnostics;
using System.Text;

namespace Eventure.Examples.Tests.Support;

/// <summary>The examples' program in a child process (<c>dotnet Eventure.Examples.dll ...</c>), with what it printed.</summary>
internal sealed class ExampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ExampleProcess(Process process)
    {
        _process = process;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static ExampleProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ExamplesApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var child = new ExampleProcess(Process.Start(start)!);
        child._process.OutputDataReceived += (_, e) => Append(child._output, e.Data);
        child._process.ErrorDataReceived += (_, e) => Append(child._error, e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL on Unix: no shutdown hooks, no flush, no lease release.</summary>
    public void Kill() => _process.Kill();

    public async Task WaitForExitAsync(TimeSpan timeout) => await _process.WaitForExitAsync().WaitAsync(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.Append(line).Append('\n');
            }
        }
    }
}
