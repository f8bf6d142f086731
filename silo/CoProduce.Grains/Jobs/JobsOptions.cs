namespace CoProduce.Grains.Jobs;

/// <summary>Settings of section <c>CoProduce:Jobs</c>: the Hangfire server every node runs, and who sees its dashboard.</summary>
public sealed record JobsOptions
{
    public const string SectionName = "CoProduce:Jobs";

    /// <summary>
    /// Person ids of the platform's operators: only they are served the jobs dashboard at <c>/jobs</c>. Empty (the
    /// default): nobody is.
    /// </summary>
    public IReadOnlyList<Guid> Operators { get; init; } = [];

    /// <summary>Jobs run at once on each node.</summary>
    public int WorkerCount { get; init; } = 2;

    /// <summary>How often each node looks for enqueued, delayed and recurring jobs that are due.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a job taken by a node stays invisible to other nodes without a sign of life. A running job's node
    /// renews it (sliding on PostgreSQL), so this is how soon a job whose node died is picked up by another.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The message naming a setting of this section that breaks <paramref name="rule"/>.</summary>
    internal static string Broken(string setting, string rule) => $"Setting '{SectionName}:{setting}' must be {rule}.";
}
