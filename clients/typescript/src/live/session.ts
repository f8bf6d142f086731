import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { TokenSource } from "../http/client.js";
import type {
  JoinResult, LiveAgendaItem, LiveBallot, LiveEvent, LiveEventType, LiveMessage, PaceKind, PresencePage, PresentPerson,
  SpeakingTimeReport,
} from "./events.js";

export interface LiveSessionOptions {
  /** The gateway, e.g. http://localhost:5080 */
  baseUrl: string;
  token: TokenSource;
  projectId: string;
  /** The last sequence number seen in an earlier session, to resume from it. */
  afterSequence?: number;
  /** The contributor a supporter or advocate acts with. */
  actingWith?: string;
  /** What the person chooses to share with facilitators (at most 10). */
  accessNeeds?: string[];
  /** Delays between reconnection attempts in milliseconds; the last repeats for ever. Default 0, 500, 1000, 2000, 5000. */
  reconnectDelaysMs?: number[];
}

type Handler = (message: LiveMessage) => void;

/**
 * A person's place in one project's live session. Handlers see every event once, in sequence order:
 * after a dropped connection the session reconnects by itself, joins again with the last sequence
 * number it saw, and the hub sends what was missed before anything new. Repeats are dropped; a gap
 * (which the hub never leaves) makes the session ask again.
 */
export class LiveSession {
  private readonly handlers = new Map<LiveEventType | "*", Set<Handler>>();
  private last: number | undefined;
  private early: LiveMessage[] = [];
  private joining = false;
  private closedByUser = false;
  private joinedResult: JoinResult | undefined;
  rejoins = 0;

  private constructor(readonly connection: HubConnection, private readonly options: LiveSessionOptions) {
    connection.on("Event", (message: LiveMessage) => this.receive(message));
    connection.onreconnected(() => {
      this.rejoins++;
      void this.join(this.lastSequence).catch(() => undefined);
    });
  }

  /** Connects and joins; handlers added with `on` before `connect` returns may miss catch-up, so pass `onEvent`. */
  static async connect(options: LiveSessionOptions, onEvent?: Handler): Promise<LiveSession> {
    const delays = options.reconnectDelaysMs ?? [0, 500, 1000, 2000, 5000];
    const url = `${options.baseUrl.replace(/\/+$/, "")}/hubs/project?projectId=${encodeURIComponent(options.projectId)}`;
    const connection = new HubConnectionBuilder()
      .withUrl(url, {
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: () => (typeof options.token === "string" ? options.token : options.token()),
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => delays[Math.min(retry.previousRetryCount, delays.length - 1)] ?? 5000 })
      .configureLogging(LogLevel.None)
      .build();
    const session = new LiveSession(connection, options);
    if (onEvent) session.on("*", onEvent);
    try {
      await connection.start();
      await session.join(options.afterSequence);
    } catch (error) {
      await connection.stop();
      throw error;
    }
    return session;
  }

  /** The latest join's answer: the caller's role and the session as it stood. */
  get joined(): JoinResult {
    if (!this.joinedResult) throw new Error("Not joined yet.");
    return this.joinedResult;
  }

  /** The last sequence number handed to the handlers. */
  get lastSequence(): number {
    return this.last ?? 0;
  }

  get connected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  /** Handles one kind of event, or every event with "*". Returns a function that removes the handler. */
  on<T extends LiveEventType>(type: T | "*", handler: (message: LiveMessage<Extract<LiveEvent, { type: T }>>) => void): () => void {
    const set = this.handlers.get(type) ?? new Set<Handler>();
    set.add(handler as Handler);
    this.handlers.set(type, set);
    return () => set.delete(handler as Handler);
  }

  /** A page of who is present, in order of person id, after `after` (from the first when left out); 1 to 200 a page, 100 by default. */
  presence(after?: string, limit?: number): Promise<PresencePage> {
    return this.invoke("Presence", { projectId: this.projectId, after: after ?? null, limit: limit ?? null });
  }

  /**
   * Everyone present, read page by page. Events after the returned sequence (`personJoined`, `personLeft`)
   * bring the list up to date; applied in order, those from before it change nothing.
   */
  async everyonePresent(limit?: number): Promise<{ sequence: number; people: PresentPerson[] }> {
    const people: PresentPerson[] = [];
    let sequence = 0;
    let after: string | null | undefined;
    do {
      const page = await this.presence(after ?? undefined, limit);
      people.push(...page.people);
      sequence = Math.max(sequence, page.sequence);
      after = page.next;
    } while (after);
    return { sequence, people };
  }

  proposeItem(title: string, description?: string, easyReadSummary?: string): Promise<LiveAgendaItem> {
    return this.invoke("ProposeItem", { projectId: this.projectId, title, description: description ?? null, easyReadSummary: easyReadSummary ?? null });
  }

  editItem(itemId: string, expectedVersion: number, title: string, description?: string, easyReadSummary?: string): Promise<LiveAgendaItem> {
    return this.invoke("EditItem", { projectId: this.projectId, itemId, title, description: description ?? null, easyReadSummary: easyReadSummary ?? null, expectedVersion });
  }

  withdrawItem(itemId: string, expectedVersion: number): Promise<LiveAgendaItem> {
    return this.invoke("WithdrawItem", { projectId: this.projectId, itemId, expectedVersion });
  }

  placeDots(dots: Record<string, number>): Promise<void> {
    return this.invoke("PlaceDots", { projectId: this.projectId, dots });
  }

  reorder(order: string[]): Promise<void> {
    return this.invoke("Reorder", { projectId: this.projectId, order });
  }

  vote(decisionId: string, ballot: LiveBallot): Promise<void> {
    return this.invoke("Vote", { projectId: this.projectId, decisionId, ballot });
  }

  closeDecision(decisionId: string): Promise<void> {
    return this.invoke("CloseDecision", { projectId: this.projectId, decisionId });
  }

  raiseHand(): Promise<void> {
    return this.invoke("RaiseHand", this.projectId);
  }

  lowerHand(): Promise<void> {
    return this.invoke("LowerHand", this.projectId);
  }

  giveFloor(personId: string): Promise<void> {
    return this.invoke("GiveFloor", { projectId: this.projectId, personId });
  }

  endTurn(): Promise<void> {
    return this.invoke("EndTurn", this.projectId);
  }

  speakingTime(): Promise<SpeakingTimeReport> {
    return this.invoke("SpeakingTime", this.projectId);
  }

  signalPace(kind: PaceKind, anonymous = false): Promise<void> {
    return this.invoke("SignalPace", { projectId: this.projectId, kind, anonymous });
  }

  clearPace(): Promise<void> {
    return this.invoke("ClearPace", this.projectId);
  }

  /** Leaves the session and closes the connection. */
  async close(): Promise<void> {
    this.closedByUser = true;
    if (this.connection.state === HubConnectionState.Connected) {
      await this.connection.invoke("Leave", this.projectId).catch(() => undefined);
    }
    await this.connection.stop();
  }

  private get projectId(): string {
    return this.options.projectId;
  }

  private invoke<T>(method: string, argument: unknown): Promise<T> {
    if (this.closedByUser) return Promise.reject(new Error("The session is closed."));
    return this.connection.invoke<T>(method, argument);
  }

  private async join(after: number | undefined): Promise<void> {
    this.early = [];
    this.joining = true;
    try {
      const result = await this.connection.invoke<JoinResult>("Join", {
        projectId: this.projectId,
        afterSequence: after ?? null,
        actingWith: this.options.actingWith ?? null,
        accessNeeds: this.options.accessNeeds ?? null,
      });
      this.joinedResult = result;
      this.last ??= result.resumeAfter;
    } finally {
      this.joining = false;
    }
    const early = this.early.sort((a, b) => a.sequence - b.sequence);
    this.early = [];
    for (const message of early) this.receive(message);
  }

  private receive(message: LiveMessage): void {
    if (this.last === undefined || (this.joining && message.sequence > this.last + 1)) {
      // The position is not known until the join answers: keep events until it does.
      this.early.push(message);
      return;
    }
    if (message.sequence <= this.last) return;
    if (message.sequence > this.last + 1) {
      void this.join(this.last).catch(() => undefined);
      return;
    }
    this.last = message.sequence;
    for (const handler of [...(this.handlers.get(message.event.type) ?? []), ...(this.handlers.get("*") ?? [])]) {
      handler(message);
    }
  }
}
