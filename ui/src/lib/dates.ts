// Dates cross from Rust as ISO strings ("2025-03-14") and are shown in the user's locale.
// `new Date("2025-03-14")` would be UTC midnight — the previous day west of Greenwich — so the
// parts are read by hand and the date is built in local time.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of an ISO `YYYY-MM-DD` string, as a local-time Date at noon. */
export function parseIsoDate(iso: string): Date | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day, 12);
  return date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

// Making an Intl formatter costs milliseconds in WebKit (it loads locale data); a table formats
// hundreds of dates, so each formatter is made once.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** An ISO date for display, e.g. "14 March 2025" (en-GB) or "14. März 2025" (de). */
export function formatDate(iso: string, locale?: string, style: "full" | "long" | "medium" | "short" = "medium"): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  const key = `${locale ?? ""}|${style}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { dateStyle: style })));
  return format.format(date);
}

/** The parts of an ISO month (`YYYY-MM`) to label a chart with: the month's short name in the
 * user's locale, and the year. */
export function monthParts(isoMonth: string, locale?: string): { month: string; year: string } | null {
  const date = parseIsoDate(`${isoMonth}-01`);
  if (!date) return null;
  const key = `${locale ?? ""}|month`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { month: "short" })));
  return { month: format.format(date), year: String(date.getFullYear()) };
}

/** Today's date in local time as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Typing a date: the field shows and reads the therapist's own numeric order (14/03/2025 in
// en-GB, 03/14/2025 in en-US, 14.03.2025 in de, 2025/03/14 in ja). The engine still receives
// and checks ISO dates; what cannot be read here is passed on as typed, so the engine's refusal
// names it at the field.

type Part = "day" | "month" | "year";

interface LocalPattern {
  /** The order the locale writes a date's numbers in. */
  order: Part[];
  /** The separator written between them ("/", ".", "-"). */
  separator: string;
}

const patterns = new Map<string, LocalPattern>();

function localPattern(locale?: string): LocalPattern {
  const key = locale ?? "";
  let pattern = patterns.get(key);
  if (!pattern) {
    const parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date(2025, 2, 14, 12));
    const order = parts.map((p) => p.type).filter((t): t is Part => t === "day" || t === "month" || t === "year");
    const literal = parts.find((p) => p.type === "literal")?.value.trim() || "/";
    pattern = { order: order.length === 3 ? order : ["year", "month", "day"], separator: literal };
    patterns.set(key, pattern);
  }
  return pattern;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

function isoOf(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
  return parseIsoDate(iso) ? iso : null;
}

/** An ISO date written the locale's numeric way, for a date field: "14/03/2025" (en-GB). */
export function formatDateNumeric(iso: string, locale?: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  const { order, separator } = localPattern(locale);
  const value = { day: pad2(date.getDate()), month: pad2(date.getMonth() + 1), year: String(date.getFullYear()) };
  return order.map((part) => value[part]).join(separator);
}

/** How the locale's numeric date is written, for a hint: "DD/MM/YYYY". */
export function dateFieldPattern(locale?: string): string {
  const { order, separator } = localPattern(locale);
  const letters = { day: "DD", month: "MM", year: "YYYY" };
  return order.map((part) => letters[part]).join(separator);
}

/** The ISO date of what was typed in a date field, or null when it is not a whole date with a
 * four-digit year: the locale's numeric order ("14/03/2025", "14.3.2025"), or year first
 * ("2025-03-14", "2025/3/14") in any locale. */
export function readTypedDate(text: string, locale?: string): string | null {
  const groups = text.trim().match(/\d+/g);
  if (!groups || groups.length !== 3 || /[^\d\s./\-年月日,]/u.test(text.trim())) return null;
  const order: Part[] = groups[0].length === 4 ? ["year", "month", "day"] : localPattern(locale).order;
  const value: Record<Part, string> = { day: "", month: "", year: "" };
  order.forEach((part, i) => (value[part] = groups[i] ?? ""));
  if (value.year.length !== 4 || value.month.length > 2 || value.day.length > 2) return null;
  return isoOf(Number(value.year), Number(value.month), Number(value.day));
}

/** The weeks of a month for a calendar picker: each week seven ISO dates (or null outside the
 * month), starting on the locale's first day of the week. */
export function monthGrid(year: number, month: number, locale?: string): (string | null)[][] {
  const first = firstDayOfWeek(locale); // 1 = Monday … 7 = Sunday
  const start = new Date(year, month - 1, 1, 12);
  const lead = (start.getDay() - (first % 7) + 7) % 7;
  const days = new Date(year, month, 0, 12).getDate();
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= days; day++) cells.push(isoOf(year, month, day));
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The short weekday names in the order of `monthGrid`'s columns. */
export function weekdayNames(locale?: string): string[] {
  const first = firstDayOfWeek(locale);
  const format = new Intl.DateTimeFormat(locale, { weekday: "short" });
  // 2025-03-10 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(2025, 2, 10 + ((first - 1 + i) % 7), 12)));
}

interface WeekInfo { firstDay: number }

/** The locale's first day of the week (1 = Monday … 7 = Sunday), from Intl where the engine knows
 * it; otherwise Monday, the ISO 8601 week. */
export function firstDayOfWeek(locale?: string): number {
  try {
    const loc = new Intl.Locale(locale ?? new Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => WeekInfo;
      weekInfo?: WeekInfo;
    };
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return info.firstDay;
  } catch {
    // An unknown locale tag: fall through to Monday.
  }
  return 1;
}

/** The ISO date `days` after (or before) `iso`. */
export function addDays(iso: string, days: number): string {
  const date = parseIsoDate(iso) ?? new Date();
  date.setDate(date.getDate() + days);
  return todayIso(date);
}

/** The ISO date `months` after (or before) `iso`, on the same day or the month's last. */
export function addMonths(iso: string, months: number): string {
  const date = parseIsoDate(iso) ?? new Date();
  const target = new Date(date.getFullYear(), date.getMonth() + months, 1, 12);
  const last = new Date(target.getFullYear(), target.getMonth() + 1, 0, 12).getDate();
  target.setDate(Math.min(date.getDate(), last));
  return todayIso(target);
}
