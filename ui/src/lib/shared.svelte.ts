// What the window holds between views (named `shared`, not "session": a session is a therapy
// session here): the engine's answers, and a profile draft that survives
// switching sections (so leaving Settings half-way loses nothing).
import type { AppStatus, Mentor, Profile, RuleSet } from "./api";

export const shared = $state({
  status: null as AppStatus | null,
  profile: null as Profile | null,
  profileDraft: null as Profile | null,
  rules: null as RuleSet | null,
  mentors: [] as Mentor[],
});
