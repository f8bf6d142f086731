namespace CoProduce.LiveBench.Measure;

/// <summary>Push times of one client count; percentiles by nearest rank over every repetition.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(double ms) => _ms.Add(ms);

    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);
}
