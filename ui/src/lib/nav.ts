// The sidebar's sections, in their order.
import type { IconName } from "../components/Icon.svelte";

export type SectionId =
  | "dashboard" | "hours" | "submissions" | "mentors" | "calendar"
  | "courses" | "clients" | "case-studies" | "portfolio" | "settings";

export interface Section {
  id: SectionId;
  label: string;
  /** One of the app's own icons (components/Icon.svelte). */
  icon: IconName;
}

export const sections: Section[] = [
  { id: "dashboard", label: "Dashboard", icon: "dashboard" },
  { id: "hours", label: "Hours", icon: "hours" },
  { id: "submissions", label: "Submissions", icon: "submissions" },
  { id: "mentors", label: "Mentors", icon: "mentors" },
  { id: "calendar", label: "Calendar", icon: "calendar" },
  { id: "courses", label: "Courses", icon: "courses" },
  { id: "clients", label: "Clients", icon: "clients" },
  { id: "case-studies", label: "Case studies", icon: "case-studies" },
  { id: "portfolio", label: "Portfolio", icon: "portfolio" },
  { id: "settings", label: "Settings", icon: "settings" },
];

export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, "");
  return sections.find((s) => s.id === id)?.id ?? "dashboard";
}
