// Films: the chain's catalogue with search, sort, status filter and paging; create and edit.
import { errorText } from '../kit/fields.js';
import { useEffect, useState } from 'react';
import type { FilmList, FilmStatus, FilmView } from '../../../../common/api/admin-films.js';
import { Poster } from '../../components/Poster.js';
import { useAdmin } from '../context.js';
import { ListTable } from '../kit/ListTable.js';
import { FilmForm } from './FilmForm.js';

export const STATUS_TEXT: Record<FilmStatus, string> = {
  coming_soon: 'Coming soon',
  now_showing: 'Now showing',
  closed: 'Closed',
};

/** The films section. */
export function FilmsScreen() {
  const { api, readOnly } = useAdmin();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<FilmStatus | ''>('');
  const [sort, setSort] = useState<{ key: string; dir: 'asc' | 'desc' }>({
    key: 'title',
    dir: 'asc',
  });
  const [page, setPage] = useState(1);
  const [list, setList] = useState<FilmList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<FilmView | 'new' | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .films({
        q,
        page,
        pageSize: 20,
        sort: sort.key as 'title',
        dir: sort.dir,
        ...(status ? { status } : {}),
      })
      .then(
        (l) => {
          if (!live) return;
          setList(l);
          setError(null);
        },
        (e: unknown) => {
          if (live) setError(errorText(e));
        },
      );
    return () => {
      live = false;
    };
  }, [api, q, status, sort, page, reload]);

  if (editing)
    return (
      <FilmForm
        film={editing === 'new' ? null : editing}
        onDone={() => {
          setEditing(null);
          setReload((n) => n + 1);
        }}
      />
    );
  return (
    <section aria-labelledby="films-h" className="admin-section">
      <header className="admin-head">
        <h2 id="films-h">Films</h2>
        <button
          type="button"
          className="primary"
          disabled={readOnly !== null}
          onClick={() => setEditing('new')}
        >
          New film
        </button>
      </header>
      <ListTable<FilmView>
        caption="Films"
        rows={list?.items ?? null}
        rowKey={(f) => f.id}
        error={error}
        empty="No film matches."
        search={{
          value: q,
          label: 'Search films',
          onChange: (v) => {
            setQ(v);
            setPage(1);
          },
        }}
        filters={
          <label className="admin-filter">
            Status
            <select
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as FilmStatus | '');
                setPage(1);
              }}
            >
              <option value="">All</option>
              {Object.entries(STATUS_TEXT).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        }
        sort={{
          ...sort,
          onSort: (key) =>
            setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' })),
        }}
        paging={{ page, pageSize: 20, total: list?.total ?? 0, onPage: setPage }}
        onOpen={(f) => setEditing(f)}
        columns={[
          {
            key: 'poster',
            label: 'Poster',
            render: (f) => <Poster url={f.posterUrl} title={f.title} />,
          },
          {
            key: 'title',
            label: 'Title',
            sort: 'title',
            render: (f) => (
              <button type="button" className="text-button" onClick={() => setEditing(f)}>
                {f.title}
              </button>
            ),
          },
          { key: 'cert', label: 'Certificate', render: (f) => f.certification },
          {
            key: 'status',
            label: 'Status',
            sort: 'status',
            render: (f) => (
              <span className={`badge badge-${f.status}`}>{STATUS_TEXT[f.status]}</span>
            ),
          },
          {
            key: 'dates',
            label: 'Release – close',
            sort: 'releaseDate',
            render: (f) => `${f.releaseDate} – ${f.closeDate ?? 'open'}`,
          },
          { key: 'shows', label: 'Coming shows', render: (f) => String(f.upcomingShows) },
        ]}
      />
    </section>
  );
}
