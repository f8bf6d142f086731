using System.Text.Json.Serialization;

namespace CoProduce.Live;

/// <summary>
/// A live event; on the wire an object whose <c>type</c> member names the kind (first member), followed by
/// the kind's own members in camelCase. Clients ignore kinds they do not know.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(PersonJoined), "personJoined")]
[JsonDerivedType(typeof(PersonLeft), "personLeft")]
[JsonDerivedType(typeof(PersonRemoved), "personRemoved")]
[JsonDerivedType(typeof(PersonRoleChanged), "personRoleChanged")]
[JsonDerivedType(typeof(AgendaItemProposed), "agendaItemProposed")]
[JsonDerivedType(typeof(AgendaItemEdited), "agendaItemEdited")]
[JsonDerivedType(typeof(AgendaItemWithdrawn), "agendaItemWithdrawn")]
[JsonDerivedType(typeof(AgendaRankingOpened), "agendaRankingOpened")]
[JsonDerivedType(typeof(AgendaRankingChanged), "agendaRankingChanged")]
[JsonDerivedType(typeof(AgendaRankingClosed), "agendaRankingClosed")]
[JsonDerivedType(typeof(AgendaAgreementRecorded), "agendaAgreementRecorded")]
[JsonDerivedType(typeof(AgendaAgreed), "agendaAgreed")]
[JsonDerivedType(typeof(DecisionOpened), "decisionOpened")]
[JsonDerivedType(typeof(TallyChanged), "tallyChanged")]
[JsonDerivedType(typeof(DecisionClosed), "decisionClosed")]
[JsonDerivedType(typeof(DecisionOutcomeRecorded), "decisionOutcomeRecorded")]
[JsonDerivedType(typeof(HandRaised), "handRaised")]
[JsonDerivedType(typeof(HandLowered), "handLowered")]
[JsonDerivedType(typeof(FloorGiven), "floorGiven")]
[JsonDerivedType(typeof(TurnEnded), "turnEnded")]
[JsonDerivedType(typeof(PaceSignalled), "paceSignalled")]
[JsonDerivedType(typeof(PaceCleared), "paceCleared")]
[JsonDerivedType(typeof(SessionOpened), "sessionOpened")]
[JsonDerivedType(typeof(SessionClosed), "sessionClosed")]
public abstract record LiveEvent;
