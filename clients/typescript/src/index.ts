export { CoProduceHttp } from "./http/client.js";
export type { ApiResponse, CallArgs, ClientOptions, OperationKey, TokenSource } from "./http/client.js";
export { ProblemError } from "./http/problem.js";
export type * from "./generated/api.js";
export { LiveSession } from "./live/session.js";
export type { LiveSessionOptions } from "./live/session.js";
export type * from "./live/events.js";
