// The live session's wire types (gateway/CoProduce.Live.Contracts, camelCase JSON). Ids are strings;
// times are ISO 8601 strings.

// LiveRole also travels over HTTP (a session's attendance), so it comes from the generated API: one type, not two.
import type { LiveRole } from "../generated/api.js";
export type { LiveRole };
export type PaceKind = "SlowDown" | "NeedBreak" | "DontUnderstand";

export interface LiveAgendaItem {
  id: string;
  title: string;
  description: string | null;
  easyReadSummary: string | null;
  proposedBy: string;
  supportedBy: string | null;
  proposerRole: string;
  version: number;
  withdrawn: boolean;
}

export interface LiveRankedItem { itemId: string; title: string; position: number; score: number }
export interface LiveOption { id: string; label: string }
export interface LiveConsent { agree: number; abstain: number; disagree: number; block: number; passes: boolean }
export interface LiveOptionCount { optionId: string; label: string; position: number; score: number; backers: number }
export interface LiveTally { quorumMet: boolean | null; consent: LiveConsent | null; options: LiveOptionCount[]; winners: string[]; tie: boolean }
export interface PaceCounts { slowDown: number; needBreak: number; dontUnderstand: number }
export interface PresentPerson { personId: string; displayName: string | null; role: LiveRole; with: string | null; accessNeeds: string[] | null }
export interface QueuedHand { personId: string; role: LiveRole; raisedAt: string }
export interface SpeakerTurn { personId: string; role: LiveRole; since: string }
export interface RoleSpeakingTime { role: LiveRole; seconds: number; share: number }
export interface SpeakingTimeReport { roles: RoleSpeakingTime[]; totalSeconds: number }

/** Every kind of event, told apart by `type`. Clients ignore kinds they do not know. */
export type LiveEvent =
  | { type: "personJoined"; personId: string; displayName: string | null; role: LiveRole; with: string | null; accessNeeds: string[] | null }
  | { type: "personLeft"; personId: string }
  /** Removed from the project (or the contributor they act with was): their connections get nothing after this. */
  | { type: "personRemoved"; personId: string }
  /** Their role in the project changed while present: from here on they act, and see the session, in `role`. */
  | { type: "personRoleChanged"; personId: string; role: LiveRole }
  | { type: "agendaItemProposed"; item: LiveAgendaItem }
  | { type: "agendaItemEdited"; item: LiveAgendaItem; by: string }
  | { type: "agendaItemWithdrawn"; itemId: string; version: number; by: string }
  | { type: "agendaRankingOpened"; method: string; dotsPerPerson: number }
  | { type: "agendaRankingChanged"; ranking: LiveRankedItem[]; voters: number }
  | { type: "agendaRankingClosed"; ranking: LiveRankedItem[]; voters: number }
  | { type: "agendaAgreementRecorded"; personId: string; agrees: boolean; comment: string | null }
  | { type: "agendaAgreed"; order: string[] }
  | { type: "decisionOpened"; decisionId: string; title: string; method: string; options: LiveOption[]; closesAt: string; anonymous: boolean; hideResultsUntilClose: boolean }
  | { type: "tallyChanged"; decisionId: string; voters: number; tally: LiveTally | null }
  | { type: "decisionClosed"; decisionId: string; voters: number; results: LiveTally }
  | { type: "decisionOutcomeRecorded"; decisionId: string; statement: string; reviewDate: string }
  | { type: "handRaised"; personId: string; role: LiveRole }
  | { type: "handLowered"; personId: string }
  | { type: "floorGiven"; personId: string; role: LiveRole; by: string }
  | { type: "turnEnded"; personId: string; role: LiveRole; seconds: number }
  | { type: "paceSignalled"; kind: PaceKind; personId: string | null; counts: PaceCounts | null }
  | { type: "paceCleared"; by: string }
  | { type: "sessionOpened"; sessionId: string; openedBy: string }
  | { type: "sessionClosed"; sessionId: string; closedBy: string; attended: number };

export type LiveEventType = LiveEvent["type"];

/** One pushed event with the project's sequence number (1, 2, 3, ... with no gaps). */
export interface LiveMessage<E extends LiveEvent = LiveEvent> { sequence: number; at: string; event: E }

/**
 * The session at one sequence number. `present` lists the first 50 people in order of person id; `presentCount`
 * says how many there are in all, and when `presentNext` is not null the rest come from `LiveSession.presence`.
 */
export interface LiveSnapshot {
  sequence: number; present: PresentPerson[]; presentCount: number; presentNext: string | null;
  queue: QueuedHand[]; floor: SpeakerTurn | null; pace: PaceCounts | null;
}

/** People present at `sequence` in order of person id; `next` is where the next page starts, null on the last. */
export interface PresencePage { sequence: number; people: PresentPerson[]; total: number; next: string | null }
export interface JoinResult { projectId: string; role: LiveRole; resumeAfter: number; snapshot: LiveSnapshot }

/** A vote: only the part for the decision's method. */
export interface LiveBallot {
  position?: "Agree" | "Abstain" | "Disagree" | "Block";
  reason?: string;
  choice?: string;
  ranking?: string[];
  dots?: Record<string, number>;
  scores?: Record<string, number>;
  availability?: Record<string, "Yes" | "Maybe" | "No">;
}
