import type { Operations } from "../generated/api.js";
import { ProblemError } from "./problem.js";

/** A bearer token, or a function that returns a current one (called before each request). */
export type TokenSource = string | (() => string | Promise<string>);

export interface ClientOptions {
  /** The gateway, e.g. http://localhost:5080 */
  baseUrl: string;
  token: TokenSource;
  /** How often a retryable failure (503 with Retry-After) of a safe-to-repeat request is retried; default 3. */
  retries?: number;
  /** The longest wait between retries in milliseconds; default 5000. */
  maxRetryDelayMs?: number;
  fetch?: typeof fetch;
}

export type OperationKey = keyof Operations;
type Part<K extends OperationKey, P extends keyof Operations[K]> = Operations[K][P];

/** What a call needs: path and query parameters, a body, and the conditional headers. */
export type CallArgs<K extends OperationKey> = ([Part<K, "path">] extends [never] ? { path?: undefined } : { path: Part<K, "path"> })
  & ([Part<K, "query">] extends [never] ? { query?: undefined } : { query?: Part<K, "query"> })
  & ([Part<K, "body">] extends [never] ? { body?: undefined } : { body: Part<K, "body"> })
  & {
    /** The ETag of the version being changed (If-Match); required by edits of shared things. */
    ifMatch?: string;
    /** Makes a create safe to retry: the same key and body get the first answer. */
    idempotencyKey?: string;
    signal?: AbortSignal;
  };

/** What {@link CoProduceHttp.send} reads of a call's arguments. */
interface SendArgs {
  body?: unknown;
  ifMatch?: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** A successful answer: the value, and the headers that matter for the next call. */
export interface ApiResponse<T> {
  status: number;
  value: T;
  etag: string | undefined;
  location: string | undefined;
}

/**
 * The typed HTTP API. Every operation of the gateway is callable by its method and path template, with
 * its parameters, body and answer typed from the OpenAPI document. Failures throw {@link ProblemError}.
 */
export class CoProduceHttp {
  private readonly fetch: typeof fetch;
  private readonly retries: number;
  private readonly maxRetryDelayMs: number;

  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.retries = options.retries ?? 3;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  }

  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/+$/, "");
  }

  async token(): Promise<string> {
    const source = this.options.token;
    return typeof source === "string" ? source : source();
  }

  /** Calls one operation, e.g. `call("GET /api/projects/{projectId}", { path: { projectId } })`. */
  async call<K extends OperationKey>(operation: K, args: CallArgs<K>): Promise<ApiResponse<Part<K, "response">>> {
    const space = (operation as string).indexOf(" ");
    const method = (operation as string).slice(0, space);
    const template = (operation as string).slice(space + 1);
    const path = (args.path ?? {}) as Record<string, string>;
    const url = new URL(this.baseUrl + expand(template, path));
    for (const [name, value] of Object.entries((args.query ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }

    // Repeating is safe for reads, PUT/DELETE (idempotent by definition) and creates with a key.
    const repeatable = method !== "POST" || args.idempotencyKey !== undefined;
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(method, url, path, args as SendArgs);
      if (response.ok) {
        const text = await response.text();
        return {
          status: response.status,
          value: (text ? JSON.parse(text) : undefined) as Part<K, "response">,
          etag: response.headers.get("etag") ?? undefined,
          location: response.headers.get("location") ?? undefined,
        };
      }

      const problem = await ProblemError.from(response);
      if (!problem.retryable || !repeatable || attempt >= this.retries) throw problem;
      await delay(Math.min((problem.retryAfterSeconds ?? 2 ** attempt) * 1000, this.maxRetryDelayMs), args.signal);
    }
  }

  private async send(method: string, url: URL, path: Record<string, string>, args: SendArgs): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.token()}`,
      accept: "application/json, application/problem+json",
    };
    // The ingress keeps a project's traffic on one node by this header.
    if (path.projectId) headers["x-coproduce-project"] = path.projectId;
    if (args.ifMatch) headers["if-match"] = args.ifMatch;
    if (args.idempotencyKey) headers["idempotency-key"] = args.idempotencyKey;
    let body: string | undefined;
    if (args.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(args.body);
    }
    return this.fetch(url, { method, headers, body, signal: args.signal });
  }
}

function expand(template: string, path: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path[name];
    if (value === undefined || value === "") throw new TypeError(`Missing path parameter '${name}'.`);
    return encodeURIComponent(value);
  });
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
