using CoProduce.Grains.Common;

namespace CoProduce.Grains.Evaluation;

public sealed record EvaluationState : VersionedState
{
    /// <summary>Every measure proposed, in proposal order.</summary>
    public List<Measure> Measures { get; init; } = [];

    public MeasuresStatus Status { get; init; }

    public MeasuresAgreement? Agreement { get; init; }
}
