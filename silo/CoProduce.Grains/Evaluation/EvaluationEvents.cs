namespace CoProduce.Grains.Evaluation;

// Measures travel whole so that a live session can apply an event without reading the measures again.

public sealed record MeasureProposed(Guid ProjectId, Measure Measure);

public sealed record MeasureEdited(Guid ProjectId, Measure Measure, Guid By, Guid? SupportedBy);

public sealed record MeasureEndorsed(Guid ProjectId, Guid MeasureId, Endorsement Endorsement);

public sealed record MeasuresAgreed(Guid ProjectId, MeasuresAgreement Agreement);
