namespace CoProduce.Journal.Tests.Grains;

public sealed record Added(int Amount, int Total);

/// <summary>An event the test database refuses to journal (a trigger aborts its insert).</summary>
public sealed record Poison(string Why);

public sealed record Noted(string Text);
