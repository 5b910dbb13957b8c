// The window's only way to the engine. `bindings.ts` (generated from the Rust commands) is the
// single caller of `invoke`; this module turns its results into values or a `CommandError`, and
// components import from here only.
import {
  commands,
  type ApiError,
  type EntryDraft,
  type EntryQuery,
  type MentorDraft,
  type Profile,
} from "./bindings";

export type {
  Activity, ApiError, AppStatus, Category, Dashboard, Entry, EntryDraft, EntryPage, EntryQuery,
  EntrySort, Format, ImportSummary, Mentor, MentorDraft, MonthTotals, Profile, RuleSet,
} from "./bindings";

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
  ruleSet: () => unwrap(commands.ruleSet()),
  dashboard: () => unwrap(commands.dashboard()),
  entries: (query: EntryQuery) => unwrap(commands.listEntries(query)),
  addEntry: (entry: EntryDraft) => unwrap(commands.addEntry(entry)),
  updateEntry: (id: number, entry: EntryDraft) => unwrap(commands.updateEntry(id, entry)),
  deleteEntry: (id: number) => unwrap(commands.deleteEntry(id)),
  mentors: () => unwrap(commands.listMentors()),
  saveMentor: (id: number | null, mentor: MentorDraft) => unwrap(commands.saveMentor(id, mentor)),
  deleteMentor: (id: number) => unwrap(commands.deleteMentor(id)),
  importCsv: (text: string) => unwrap(commands.importCsv(text)),
};
