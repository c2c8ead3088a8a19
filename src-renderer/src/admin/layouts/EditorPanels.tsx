// The editor's side panels: what to fix before saving (each cell problem a button that moves the
// cursor there), and the seat categories (colour, name, add, remove while unused).
import { useState } from 'react';
import type { LayoutDraft } from '../../../../common/api/admin-layouts.js';
import * as E from './editor-state.js';

/** The problems of the draft, by JSON pointer. */
export function ProblemList({
  draft: d,
  problems: problemList,
  onGo: focusCell,
}: {
  draft: LayoutDraft;
  problems: [string, string][];
  onGo: (cell: E.Cell) => void;
}) {
  return (
    <div className="editor-problems" aria-live="polite">
      <h3>{problemList.length === 0 ? 'Ready to save' : 'To fix before saving'}</h3>
      <ul>
        {problemList.map(([path, msg]) => {
          const m = /^\/rows\/(\d+)\/cells\/(\d+)$/.exec(path);
          const r = Number(m?.[1]);
          const c = Number(m?.[2]);
          const where = m ? `Row ${d.rows[r]?.label ?? ''}, column ${String(c + 1)}` : path;
          return (
            <li key={path}>
              {m ? (
                <button type="button" className="text-button" onClick={() => focusCell({ r, c })}>
                  {where}: {msg}
                </button>
              ) : (
                `${where}: ${msg}`
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The categories of the draft. */
export function CategoryPanel({
  draft: d,
  disabled: off,
  onChange: change,
}: {
  draft: LayoutDraft;
  disabled: boolean;
  onChange: (next: LayoutDraft) => void;
}) {
  const [newCat, setNewCat] = useState({ code: '', name: '', color: '#2E8B57' });
  return (
    <fieldset className="editor-categories" disabled={off}>
      <legend>Seat categories</legend>
      {d.categories.map((c) => (
        <div key={c.code} className="category-row">
          <input
            type="color"
            aria-label={`Colour of ${c.name}`}
            value={c.color}
            onChange={(e) =>
              change(E.upsertCategory(d, { ...c, color: e.target.value.toUpperCase() }))
            }
          />
          <input
            aria-label={`Name of category ${c.code}`}
            value={c.name}
            onChange={(e) => change(E.upsertCategory(d, { ...c, name: e.target.value }))}
          />
          <button
            type="button"
            disabled={E.categoryUsed(d, c.code) || d.categories.length <= 1}
            onClick={() => change(E.removeCategory(d, c.code))}
          >
            Remove<span className="visually-hidden"> {c.name}</span>
          </button>
        </div>
      ))}
      <div className="category-row">
        <input
          aria-label="New category code"
          placeholder="Code, e.g. VIP"
          value={newCat.code}
          onChange={(e) => setNewCat({ ...newCat, code: e.target.value.toUpperCase() })}
        />
        <input
          aria-label="New category name"
          placeholder="Name"
          value={newCat.name}
          onChange={(e) => setNewCat({ ...newCat, name: e.target.value })}
        />
        <input
          type="color"
          aria-label="New category colour"
          value={newCat.color}
          onChange={(e) => setNewCat({ ...newCat, color: e.target.value.toUpperCase() })}
        />
        <button
          type="button"
          disabled={
            !/^[A-Z0-9_]{1,16}$/.test(newCat.code) ||
            newCat.name.trim() === '' ||
            d.categories.some((c) => c.code === newCat.code)
          }
          onClick={() => {
            change(
              E.upsertCategory(d, {
                code: newCat.code,
                name: newCat.name.trim(),
                color: newCat.color.toUpperCase(),
                rank: d.categories.length + 1,
              }),
            );
            setNewCat({ code: '', name: '', color: '#2E8B57' });
          }}
        >
          Add category
        </button>
      </div>
    </fieldset>
  );
}
