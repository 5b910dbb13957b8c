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
