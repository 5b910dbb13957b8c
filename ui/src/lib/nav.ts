// The sidebar's sections. `ready: false` marks a section still being built; it says so plainly.
import type { IconName } from "../components/Icon.svelte";

export type SectionId =
  | "dashboard" | "hours" | "submissions" | "mentors" | "calendar"
  | "courses" | "clients" | "case-studies" | "portfolio" | "settings";

export interface Section {
  id: SectionId;
  label: string;
  /** One of the app's own icons (components/Icon.svelte). */
  icon: IconName;
  ready: boolean;
  /** What the section will do, shown while it is being built. */
  purpose: string;
}

export const sections: Section[] = [
  { id: "dashboard", label: "Dashboard", icon: "dashboard", ready: true, purpose: "" },
  { id: "hours", label: "Hours", icon: "hours", ready: true, purpose: "Log the mentorship hours you receive in categories A, B and C, checked against the program's rules." },
  { id: "submissions", label: "Submissions", icon: "submissions", ready: true, purpose: "Claim credits, print the program's tracking form, and keep a record of what you sent." },
  { id: "mentors", label: "Mentors", icon: "mentors", ready: true, purpose: "" },
  { id: "calendar", label: "Calendar", icon: "calendar", ready: true, purpose: "Virtual mentoring sessions, live or recorded; attending one logs its hours in one step." },
  { id: "courses", label: "Courses", icon: "courses", ready: true, purpose: "The courses you have taken, with dates, instructors, hours and certificates." },
  { id: "clients", label: "Clients", icon: "clients", ready: true, purpose: "Client intake with contraindication screening first, and session notes." },
  { id: "case-studies", label: "Case studies", icon: "case-studies", ready: true, purpose: "De-identified case write-ups built from a consenting client's sessions." },
  { id: "portfolio", label: "Portfolio", icon: "portfolio", ready: true, purpose: "Print your certification portfolio: training, mentorship and case studies." },
  { id: "settings", label: "Settings", icon: "settings", ready: true, purpose: "" },
];

export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, "");
  return sections.find((s) => s.id === id)?.id ?? "dashboard";
}
