using System.Diagnostics;
using System.Globalization;

namespace CoProduce.Testing.Processes;

/// <summary>
/// A .NET program of this repository run in its own process (<c>dotnet its.dll</c>), as it ships: its
/// output is kept (the last lines, for failure messages) and watched, so a test waits for a line it
/// prints rather than for time to pass.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly List<(string Marker, TaskCompletionSource Seen)> _watches = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(string name, Process process, int siloPort)
    {
        Name = name;
        _process = process;
        SiloPort = siloPort;
    }

    public string Name { get; }

    /// <summary>The port of this node's Orleans silo: with the loopback address, how the membership table names it.</summary>
    public int SiloPort { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes when the process ends, however it ends.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Starts <paramref name="assemblyPath"/> with <c>dotnet</c> in the assembly's folder, so its appsettings.json apply.</summary>
    public static NodeProcess Start(string name, string assemblyPath, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"{name}: {assemblyPath} is not built; build the solution first.", assemblyPath);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Every node is an Orleans silo: its own silo and client-gateway ports on loopback, so several run side by side
        // (and in one cluster when they share a PostgreSQL database), unless the caller names them.
        var (siloPort, gatewayPort) = FreePort.Two();
        start.Environment["CoProduce__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["CoProduce__Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["CoProduce__Cluster__AdvertisedAddress"] = "127.0.0.1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process, int.Parse(start.Environment["CoProduce__Cluster__SiloPort"]!, CultureInfo.InvariantCulture));
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Exited += (_, _) => node.OnExited();
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: could not start dotnet {assemblyPath}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until the process prints a line containing <paramref name="marker"/> (or has printed one).</summary>
    public async Task WaitForOutputAsync(string marker, TimeSpan timeout)
    {
        TaskCompletionSource seen;
        lock (_lines)
        {
            if (_lines.Any(line => line.Contains(marker, StringComparison.Ordinal)))
            {
                return;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watches.Add((marker, seen));
        }

        Task first;
        try
        {
            first = await Task.WhenAny(seen.Task, _exited.Task).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{Name} printed no '{marker}' within {timeout}.\n{RecentOutput()}", e);
        }

        if (first != seen.Task && !seen.Task.IsCompleted)
        {
            throw new InvalidOperationException($"{Name} exited before printing '{marker}'.\n{RecentOutput()}");
        }
    }

    /// <summary>The last lines the process printed, for a failure message.</summary>
    public string RecentOutput()
    {
        lock (_lines)
        {
            return $"--- last output of {Name} ---\n{string.Join('\n', _lines)}";
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }

            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_watches[i].Marker, StringComparison.Ordinal))
                {
                    _watches[i].Seen.TrySetResult();
                    _watches.RemoveAt(i);
                }
            }
        }
    }

    private void OnExited() => _exited.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
    }
}
