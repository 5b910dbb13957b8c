// The window's only way to the engine. `bindings.ts` (generated from the Rust commands) is the
// single caller of `invoke`; this module turns its results into values or a `CommandError`, and
// components import from here only.
import { commands, type ApiError, type Profile } from "./bindings";

export type { ApiError, AppStatus, Profile } from "./bindings";

/** An error from the engine, with the field it belongs to when there is one. */
export class CommandError extends Error {
  readonly code: ApiError["code"];
  readonly field: string | null;
  constructor(error: ApiError) {
    super(error.message);
    this.name = "CommandError";
    this.code = error.code;
    this.field = error.field ?? null;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: ApiError };

export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  const outcome = await call;
  if (outcome.status === "ok") return outcome.data;
  throw new CommandError(outcome.error);
}

export const api = {
  status: () => commands.appStatus(),
  profile: () => unwrap(commands.getProfile()),
  saveProfile: (profile: Profile) => unwrap(commands.saveProfile(profile)),
  loadDemo: () => unwrap(commands.loadDemo()),
  uiReady: () => commands.uiReady(),
};
