// Display helpers for values the engine decided. They format; they never decide.

/** Minutes as "2 h 30 min", "45 min", "6 h": the one way a duration is shown, in every view
 * (the engine, the forms and the PDFs write it the same way). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

// Intl formatters are costly to make in WebKit; tables format many numbers, so make each once.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, digits: number): Intl.NumberFormat {
  const key = `${locale ?? ""}|${digits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return format;
}

/** A count with its noun, singular only for exactly one: "1 treatment", "3 treatments",
 * "0 entries". `many` is the plural when it is not the singular with an s. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 days" / "1 day". */
export function formatDays(days: number): string {
  return count(days, "day");
}

/** A file size as "12 KB", "3.4 MB" (in the user's locale). */
export function formatBytes(bytes: number, locale?: string): string {
  const [value, unit] = bytes < 1024 ? [bytes, "B"] : bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : [bytes / (1024 * 1024), "MB"];
  return `${numberFormat(locale, unit === "MB" ? 1 : 0).format(value)} ${unit}`;
}
