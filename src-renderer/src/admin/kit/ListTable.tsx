// An admin list: search box, sortable column headers, paging, and empty / loading / error states.
import type { ReactNode } from 'react';
import { rangeText } from './fields.js';

export type Column<T> = {
  key: string;
  label: string;
  /** Set when the server can sort by this column. */
  sort?: string;
  render: (row: T) => ReactNode;
};

type Props<T> = {
  caption: string;
  columns: Column<T>[];
  rows: T[] | null;
  rowKey: (row: T) => string;
  error?: string | null;
  search?: { value: string; onChange: (v: string) => void; label: string };
  sort?: { key: string; dir: 'asc' | 'desc'; onSort: (key: string) => void };
  paging?: { page: number; pageSize: number; total: number; onPage: (p: number) => void };
  /** Opening a row (Enter or a click on its first cell's button). */
  onOpen?: (row: T) => void;
  filters?: ReactNode;
  empty: string;
};

/** The table. */
export function ListTable<T>(p: Props<T>) {
  return (
    <div className="admin-list">
      <div className="admin-list-bar">
        {p.search && (
          <input
            type="search"
            className="admin-search"
            aria-label={p.search.label}
            placeholder={p.search.label}
            value={p.search.value}
            onChange={(e) => p.search?.onChange(e.target.value)}
          />
        )}
        {p.filters}
      </div>
      <table className="admin-table">
        <caption className="visually-hidden">{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => {
              const active = p.sort && c.sort === p.sort.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={
                    active ? (p.sort?.dir === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  {c.sort && p.sort ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => p.sort?.onSort(c.sort ?? c.key)}
                    >
                      {c.label}
                      <span aria-hidden="true">
                        {active ? (p.sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {p.rows?.map((r) => (
            <tr
              key={p.rowKey(r)}
              className={p.onOpen ? 'openable' : undefined}
              onDoubleClick={() => p.onOpen?.(r)}
            >
              {p.columns.map((c) => (
                <td key={c.key}>{c.render(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {p.error && (
        <p className="admin-error" role="alert">
          {p.error}
        </p>
      )}
      {p.rows === null && !p.error && <p className="muted">Loading…</p>}
      {p.rows?.length === 0 && <p className="muted">{p.empty}</p>}
      {p.paging && (
        <nav className="admin-paging" aria-label={`${p.caption} pages`}>
          <button
            type="button"
            disabled={p.paging.page <= 1}
            onClick={() => p.paging?.onPage(p.paging.page - 1)}
          >
            Previous
          </button>
          <span aria-live="polite">
            {rangeText(p.paging.page, p.paging.pageSize, p.paging.total)}
          </span>
          <button
            type="button"
            disabled={p.paging.page * p.paging.pageSize >= p.paging.total}
            onClick={() => p.paging?.onPage(p.paging.page + 1)}
          >
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
