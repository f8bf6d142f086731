using System.Text.Json.Serialization;

namespace CoProduce.Live;

/// <summary>How a person takes part in a live session.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LiveRole>))]
public enum LiveRole
{
    Contributor,

    /// <summary>A supporter or advocate who joined acting with a contributor.</summary>
    Supporter,
    Facilitator,
    Observer,
}
