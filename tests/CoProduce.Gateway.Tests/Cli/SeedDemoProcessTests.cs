using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CoProduce.Testing.Processes;

namespace CoProduce.Gateway.Tests.Cli;

/// <summary>
/// <c>seed-demo</c> run as a newcomer or a script runs it, as its own process: it seeds without listening on
/// any port, logs to stderr, and its stdout holds the ids and tokens only; the tokens then work on the server.
/// </summary>
public sealed class SeedDemoProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly string _data = Directory.CreateTempSubdirectory("coproduce-seed-").FullName;

    [Fact]
    public async Task SeedsWhileTheConfiguredPortIsTakenAndPrintsOnlyIdsAndTokens()
    {
        // Someone else holds the port the gateway is told to listen on: a command that listened would fail.
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var (exitCode, stdout, stderr) = await Run(["seed-demo"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["CoProduce__Storage__Provider"] = "Sqlite",
            ["CoProduce__Storage__DataDirectory"] = _data,
        });

        Assert.True(exitCode == 0, $"seed-demo exited with {exitCode}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        // The header, the network, two organisations and the project, seven people with an id and a token each, and a hint.
        Assert.Equal("CoProduce demo created.", lines[0]);
        Assert.Equal(1 + 4 + 1 + (7 * 3) + 1, lines.Count);
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
        var tokens = lines.Where(l => l.StartsWith("    token ", StringComparison.Ordinal)).Select(l => l["    token ".Length..]).ToList();
        Assert.Equal(7, tokens.Count);
        Assert.Equal(7, lines.Count(l => l.StartsWith("    id ", StringComparison.Ordinal) && Guid.TryParse(l["    id ".Length..], out _)));
        var project = Guid.Parse(lines.Single(l => l.StartsWith("  project ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

        // The logs went to stderr, and none of them says the command listened.
        Assert.Contains("seed-demo: created the demo network", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stderr, StringComparison.Ordinal);

        // It stops once the demo's live events reached the project's live session, not with them failing against a
        // silo that is shutting down (that printed an error with a stack trace to a newcomer's console).
        Assert.DoesNotContain("\"LogLevel\":\"Error\"", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("to the live session of project", stderr, StringComparison.Ordinal);

        // Orleans places grains through a Polly pipeline that logs every successful attempt at Information (two lines
        // per grain call, most of a first session's log); the gateway keeps Polly's warnings only.
        Assert.DoesNotContain("\"Category\":\"Polly\"", stderr, StringComparison.Ordinal);

        // Amira's token (the fourth person) reads the demo project on a gateway started on the same data afterwards.
        await using var gateway = await GatewayProcess.StartAsync("gateway after seed-demo", new Dictionary<string, string>
        {
            ["CoProduce__Storage__Provider"] = "Sqlite",
            ["CoProduce__Storage__DataDirectory"] = _data,
        }, Timeout);
        using var http = new HttpClient { BaseAddress = gateway.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[3]);
        using var read = await http.GetAsync(new Uri($"/api/projects/{project}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("Better crisis support", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Runs the built gateway with <paramref name="arguments"/> to its end, stdout and stderr kept apart.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var assembly = BuildOutput.AssemblyOf(GatewayProcess.Project);
        Assert.True(File.Exists(assembly), $"{assembly} is not built; build the solution first.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(Timeout);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's own clean-up.
        }
    }
}
