namespace CoProduce.Clustering.TestHost;

/// <summary>What the test host prints, and the tests wait for.</summary>
public static class TestHostOutput
{
    public const string Ready = "cluster test host: ready";
}
