// The formats of `mexc-mm report --format`: text (the default, for a terminal), md (GitHub markdown),
// csv (one RFC 4180 document, a `section` column per table) and json (the whole report as one object).
export const reportFormats = ['text', 'md', 'csv', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const isReportFormat = (value: string): value is ReportFormat => (reportFormats as readonly string[]).includes(value);
