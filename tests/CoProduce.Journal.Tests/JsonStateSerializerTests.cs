using CoProduce.Journal.State;
using CoProduce.Journal.Tests.Grains;

namespace CoProduce.Journal.Tests;

public sealed class JsonStateSerializerTests
{
    private sealed record RenamedCounterState(int Total, List<string> Notes);

    [Fact]
    public void StoredStateCarriesNoTypeNamesSoARenamedRecordReadsIt()
    {
        var serializer = new JsonStateSerializer();
        var written = serializer.Serialize(new CounterState { Total = 4, Notes = ["a"] });

        Assert.Equal("""{"total":4,"notes":["a"]}""", written.ToString());
        Assert.Equal((4, "a"), serializer.Deserialize<RenamedCounterState>(written) is var read ? (read.Total, Assert.Single(read.Notes)) : default);
    }
}
