export { CoProduceHttp } from "./http/client.js";
export type { ApiResponse, CallArgs, ClientOptions, OperationKey, TokenSource } from "./http/client.js";
export { ProblemError } from "./http/problem.js";
export type * from "./generated/api.js";
