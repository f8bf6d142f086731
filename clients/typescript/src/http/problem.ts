/** An RFC 9457 problem-details answer from the API, thrown for every 4xx and 5xx. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    /** Field name to messages, for validation problems. */
    readonly errors: Record<string, string[]>,
    /** Seconds to wait before retrying, when the API said so (503 while the database is away). */
    readonly retryAfterSeconds: number | undefined,
    readonly body: unknown,
  ) {
    super(detail ? `${status} ${title}: ${detail}` : `${status} ${title}`);
    this.name = "ProblemError";
  }

  /** True when the same request may succeed later unchanged (the service or its database is briefly away). */
  get retryable(): boolean {
    return this.status === 503 || this.status === 502 || this.status === 504;
  }

  static async from(response: Response): Promise<ProblemError> {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a proxy's page, say): keep the text.
    }
    const problem = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const retryAfter = Number(response.headers.get("retry-after"));
    return new ProblemError(
      response.status,
      typeof problem.title === "string" ? problem.title : response.statusText,
      typeof problem.detail === "string" ? problem.detail : undefined,
      (problem.errors as Record<string, string[]> | undefined) ?? {},
      Number.isFinite(retryAfter) && response.headers.has("retry-after") ? retryAfter : undefined,
      body,
    );
  }
}
