/** One error of a roster import report (ImportReport.errors[]). */
export interface ImportError {
  row: number;
  column: string;
  field: string;
  code: string;
  message: string;
}

export interface ImportRowErrors {
  row: number;
  /** Column names with at least one error, in first-seen order. */
  columns: string[];
  errors: ImportError[];
}

/** Groups a report's errors by file row (ascending), keeping each row's errors in report order. */
export function groupImportErrors(errors: readonly ImportError[]): ImportRowErrors[] {
  const byRow = new Map<number, ImportRowErrors>();
  for (const e of errors) {
    let g = byRow.get(e.row);
    if (!g) {
      g = { row: e.row, columns: [], errors: [] };
      byRow.set(e.row, g);
    }
    g.errors.push(e);
    const col = e.column || e.field;
    if (col && !g.columns.includes(col)) g.columns.push(col);
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

export interface ImportCounts {
  rows: number;
  valid: number;
  invalid: number;
}

/** What the confirm step may offer: import everything only when nothing is invalid. */
export function importChoices(r: ImportCounts): { all: boolean; validOnly: boolean } {
  return { all: r.rows > 0 && r.invalid === 0, validOnly: r.valid > 0 && r.invalid > 0 };
}

const ACCEPTED = ['.csv', '.xlsx'];

/** True for the file types the importer reads (by extension, case-insensitive). */
export function acceptedRosterFile(name: string): boolean {
  const n = name.toLowerCase();
  return ACCEPTED.some((ext) => n.endsWith(ext));
}
