using System.Globalization;
using System.Text;
using CoProduce.LiveBench.Measure;
using CoProduce.LiveBench.Sessions;

namespace CoProduce.LiveBench;

/// <summary>
/// Issue 5's benchmark. The gateway and a bare SignalR hub each run in their own process; this process
/// connects the same number of clients to each (100, 1,000, 2,000), and times one push to all of them,
/// alternating between the two, several times per size. Memory is read with no connections and with the
/// largest number idle.
/// </summary>
public static class LiveBenchmarks
{
    public const string ServerVariable = "COPRODUCE_TEST_POSTGRES";
    private const int TargetSize = 1000;
    private const double LatencyTarget = 1.3;
    private const double MemoryTargetKb = 30;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var repetitions = Option(args, "--repetitions", quick ? 8 : 30);
        var sizes = (args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault() ?? "100,1000,2000")
            .Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToArray();
        // Connections per person: 1 seats a distinct person per client (each join is pushed to everyone
        // present, so seating 2,000 takes minutes); the quick run seats one person per 10 connections.
        var devices = Math.Max(1, Option(args, "--connections-per-person", quick ? 10 : 1));
        var people = (sizes[^1] + devices - 1) / devices;
        // Clients that join, get 40 pushes and leave before the idle reading, on each server alike, so that the
        // code on the join and push paths is compiled at its final tier before memory is read (the runtime
        // recompiles a method after 30 calls; 20 joins and one push left that inside the reading with connections).
        var warmUp = Option(args, "--warm-up", Math.Max(20, sizes[^1] / 10));
        const int WarmUpPushes = 40;

        // Runtime settings for both server processes alike, e.g. --server-env DOTNET_gcServer=0.
        var settings = args.Select((a, i) => a == "--server-env" && i + 1 < args.Length ? args[i + 1].Split('=', 2) : null)
            .OfType<string[]>().ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
        // --hold-seconds N: pause after each memory reading (and print the server's pid), e.g. for dotnet-gcdump.
        var hold = TimeSpan.FromSeconds(Option(args, "--hold-seconds", 0));
        var reportPath = args.SkipWhile(a => a != "--report").Skip(1).FirstOrDefault();
        var postgres = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new InvalidOperationException($"{ServerVariable} is not set; run scripts/bench.sh, which starts PostgreSQL.");
        ThreadPool.SetMinThreads(Math.Max(Environment.ProcessorCount * 4, 16), Environment.ProcessorCount * 4);

        Log($"live bench: sizes {string.Join(", ", sizes)}, {repetitions} repetitions each, {people:N0} people, warm-up {warmUp} clients, server settings: {(settings.Count == 0 ? "as shipped" : string.Join(' ', settings.Select(kv => $"{kv.Key}={kv.Value}")))}");
        await using var gateway = new Contender(await GatewayTarget.StartAsync(postgres, people, settings));
        var bareTarget = await BareHubTarget.StartAsync(settings);
        await using var bare = new Contender(bareTarget);
        Log("servers started, project seated");

        foreach (var contender in new[] { gateway, bare })
        {
            await contender.WarmUpAsync(warmUp, WarmUpPushes);
            await contender.ReadIdleAsync();
            Log($"{contender.Target.Name}: idle {Describe(contender.Idle!)}");
            await HoldAsync(hold, contender.Idle!);
        }

        // --unjoined: only memory, with the clients connected but not joined (nothing is pushed to them).
        var unjoined = args.Contains("--unjoined");
        if (unjoined)
        {
            await gateway.GrowToAsync(0, join: false);
            await bare.GrowToAsync(0, join: false);
            await gateway.GrowToAsync(sizes[^1], join: false);
            await bare.GrowToAsync(sizes[^1], join: false);
            foreach (var contender in new[] { gateway, bare })
            {
                await contender.ReadLoadedAsync();
                Log($"{contender.Target.Name}: with {contender.Loaded!.Connections:N0} connections, not joined, {Describe(contender.Loaded)}");
                await HoldAsync(hold, contender.Loaded);
            }

            Console.WriteLine(Report([MemoryRow(gateway, bare, people, settings).Replace("idle joined connection", "idle connection not joined", StringComparison.Ordinal)]));
            return 0;
        }

        var rows = new List<string>();
        foreach (var size in sizes)
        {
            await gateway.GrowToAsync(size);
            await bare.GrowToAsync(size);
            Log($"{size:N0} clients joined on each server");

            // Warm-up pushes, not counted; the gateway's tally event sets the size of the bare broadcast.
            await gateway.PushAsync();
            bareTarget.MessageBytes = gateway.Fleet.MarkedBytes;
            await bare.PushAsync();
            Log($"message on the wire: gateway {gateway.Fleet.MarkedBytes} bytes, bare hub {bare.Fleet.MarkedBytes} bytes");
            if (size == sizes[^1])
            {
                // Read after each server has pushed to every connection once: a push to all of them leaves
                // Kestrel's block pool holding a block per connection that had one in flight, on both servers.
                foreach (var contender in new[] { gateway, bare })
                {
                    await contender.ReadLoadedAsync();
                    Log($"{contender.Target.Name}: with {contender.Loaded!.Connections:N0} connections {Describe(contender.Loaded)}");
                    await HoldAsync(hold, contender.Loaded);
                }
            }

            var candidate = new Latencies();
            var baseline = new Latencies();
            for (var i = 0; i < repetitions; i++)
            {
                // Alternate which goes first, so neither always meets the other's leftovers.
                var order = i % 2 == 0 ? new[] { (gateway, candidate), (bare, baseline) } : [(bare, baseline), (gateway, candidate)];
                foreach (var (contender, latencies) in order)
                {
                    latencies.Add(await contender.PushAsync());
                    await Task.Delay(Contender.PushPause);
                }
            }

            Log($"{size:N0} clients: gateway p50 {candidate.P50:0.0} ms p99 {candidate.P99:0.0} ms; bare hub p50 {baseline.P50:0.0} ms p99 {baseline.P99:0.0} ms");
            rows.Add(LatencyRow(size, Math.Min(size, people), candidate, baseline, repetitions));
        }

        rows.Add(MemoryRow(gateway, bare, people, settings));
        var report = Report(rows);
        Console.WriteLine(report);
        if (reportPath is not null)
        {
            await File.WriteAllTextAsync(reportPath, report);
        }

        return 0;
    }

    private static string LatencyRow(int size, int people, Latencies candidate, Latencies baseline, int repetitions)
    {
        var ratio = candidate.P99 / baseline.P99;
        var target = size == TargetSize ? $"<= {LatencyTarget:0.00}x p99" : "(target at 1,000)";
        var met = size == TargetSize ? (ratio <= LatencyTarget ? "yes" : "NO") : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"| live vote to every client's tally over WebSockets on PostgreSQL, {size:N0} clients{(people < size ? $" ({people:N0} people)" : "")} in one session, {repetitions} votes (p50; p99) | p50 {candidate.P50:0.0} ms; p99 {candidate.P99:0.0} ms | p50 {baseline.P50:0.0} ms; p99 {baseline.P99:0.0} ms | {ratio:0.00} | {target} | {met} |");
    }

    private static string MemoryRow(Contender gateway, Contender bare, int people, IReadOnlyDictionary<string, string> settings)
    {
        var candidate = gateway.Loaded!.PerConnectionKb(gateway.Idle!);
        var baseline = bare.Loaded!.PerConnectionKb(bare.Idle!);
        var met = candidate.DecommittedRss <= MemoryTargetKb && candidate.Heap <= MemoryTargetKb;
        return string.Create(CultureInfo.InvariantCulture,
            $"| live hub memory per idle joined connection, 0 to {gateway.Loaded.Connections:N0} connections{(people + 1 < gateway.Loaded.Connections ? $" ({people + 1:N0} people)" : "")} (resident once the GC has returned its free memory; GC heap after full GC; resident as the GC left it){string.Concat(settings.Select(kv => $", {kv.Key}={kv.Value}"))} | {Kb(candidate)} | {Kb(baseline)} | {candidate.DecommittedRss / baseline.DecommittedRss:0.00} | <= {MemoryTargetKb:0} KB per connection (resident and heap) | {(met ? "yes" : "NO")} |");
    }

    private static string Kb(MemoryPerConnection m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.DecommittedRss:0.0} KB; heap {m.Heap:0.0} KB; RSS {m.Rss:0.0} KB");

    private static string Describe(MemoryPoint point) =>
        $"RSS {Mb(point.RssBytes)} ({Mb(point.DecommittedRssBytes)} once the GC returned its free memory), heap {Mb(point.HeapBytes)}, GC committed {Mb(point.CommittedBytes)}";

    private static string Report(IEnumerable<string> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| figure | candidate | baseline | ratio | target | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(row);
        }

        return text.ToString();
    }

    private static async Task HoldAsync(TimeSpan hold, MemoryPoint point)
    {
        if (hold > TimeSpan.Zero)
        {
            Log($"holding {hold.TotalSeconds:0} s: server pid {point.ProcessId}, {point.Connections:N0} connections");
            await Task.Delay(hold);
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MB");

    private static void Log(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    private static int Option(string[] args, string name, int fallback)
    {
        var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;
    }
}
