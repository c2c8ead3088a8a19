// A report's table with its CSV beside it (issue 17): the same columns give the cells on screen and
// in the file, so what a manager exports is what they read. Money goes into the CSV in major units
// without a currency sign, so a spreadsheet can add it up.
import type { ReactNode } from 'react';
import { downloadCsv, toCsv, type Cell } from './csv.js';

export type ReportColumn<T> = {
  label: string;
  /** The value in the CSV. */
  csv: (row: T) => Cell;
  /** What the screen shows; the CSV value when absent. */
  show?: (row: T) => ReactNode;
  numeric?: boolean;
};

/** The table, an optional total row, and "Export CSV". */
export function ReportTable<T>({
  caption,
  columns,
  rows,
  total,
  rowKey,
  file,
  empty,
}: {
  caption: string;
  columns: ReportColumn<T>[];
  rows: T[];
  total?: T | undefined;
  rowKey: (row: T) => string;
  /** The CSV file's name, without ".csv". */
  file: string;
  empty: string;
}) {
  const exportCsv = () =>
    downloadCsv(
      `${file}.csv`,
      toCsv(
        columns.map((c) => c.label),
        [...rows, ...(total === undefined ? [] : [total])].map((r) => columns.map((c) => c.csv(r))),
      ),
    );
  const cells = (r: T) =>
    columns.map((c) => (
      <td key={c.label} className={c.numeric === true ? 'num' : undefined}>
        {c.show ? c.show(r) : c.csv(r)}
      </td>
    ));
  return (
    <div className="report-table">
      <div className="report-table-bar">
        <h3>{caption}</h3>
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="admin-note">{empty}</p>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" className={c.numeric === true ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={rowKey(r)}>{cells(r)}</tr>
            ))}
          </tbody>
          {total !== undefined && (
            <tfoot>
              <tr>{cells(total)}</tr>
            </tfoot>
          )}
        </table>
      )}
    </div>
  );
}
