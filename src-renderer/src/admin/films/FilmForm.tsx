// Creating or editing a film: every field checked as it is typed with the contract's schema, the
// server's refusals shown at their fields, and the poster uploaded once the film exists.
import { useEffect, useMemo, useState } from 'react';
import {
  filmInput,
  POSTER_MAX_BYTES,
  POSTER_TYPES,
  type FilmInput,
  type FilmView,
} from '../../../../common/api/admin-films.js';
import { Poster } from '../../components/Poster.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { fieldErrorsOf, messageFor, ratingTenths, splitList } from '../kit/fields.js';
import { useSave } from '../kit/use-save.js';

type Draft = {
  title: string;
  synopsis: string;
  genres: string;
  languages: string;
  certification: string;
  cast: string;
  durationMinutes: string;
  rating: string;
  releaseDate: string;
  closeDate: string;
};

const draftOf = (f: FilmView | null): Draft => ({
  title: f?.title ?? '',
  synopsis: f?.synopsis ?? '',
  genres: f?.genres.join(', ') ?? '',
  languages: f?.languages.join(', ') ?? 'en',
  certification: f?.certification ?? '',
  cast: f?.cast.join(', ') ?? '',
  durationMinutes: f ? String(f.durationMinutes) : '',
  rating: f?.ratingTenths == null ? '' : (f.ratingTenths / 10).toFixed(1),
  releaseDate: f?.releaseDate ?? '',
  closeDate: f?.closeDate ?? '',
});

/** The body a draft sends (numbers and lists parsed; the schema judges the rest). */
export function inputOf(d: Draft): FilmInput {
  return {
    title: d.title.trim(),
    synopsis: d.synopsis.trim(),
    genres: splitList(d.genres),
    languages: splitList(d.languages),
    certification: d.certification.trim(),
    cast: splitList(d.cast),
    durationMinutes: Number(d.durationMinutes),
    ratingTenths: ratingTenths(d.rating),
    releaseDate: d.releaseDate,
    closeDate: d.closeDate === '' ? null : d.closeDate,
  };
}

/** What is wrong with a poster file before it is sent; null when it may go. */
export function posterProblem(file: { type: string; size: number }): string | null {
  if (!(POSTER_TYPES as readonly string[]).includes(file.type))
    return 'is not a JPEG, PNG or WebP image';
  if (file.size > POSTER_MAX_BYTES)
    return `is larger than ${String(POSTER_MAX_BYTES / 1_048_576)} MiB`;
  return null;
}

/** The form. */
export function FilmForm({ film, onDone }: { film: FilmView | null; onDone: () => void }) {
  const { api, readOnly, setDirty, guard } = useAdmin();
  const initial = useMemo(() => draftOf(film), [film]);
  const [d, setD] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [poster, setPoster] = useState<File | null>(null);
  const [posterError, setPosterError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const { save, saving, error, serverErrors } = useSave();
  const dirty = JSON.stringify(d) !== JSON.stringify(initial) || poster !== null;
  useEffect(() => {
    setDirty(dirty);
    return () => setDirty(false);
  }, [dirty, setDirty]);
  useEffect(() => {
    if (!poster) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(poster);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [poster]);

  const errors = fieldErrorsOf(filmInput, inputOf(d));
  const shown = (field: string) =>
    messageFor(serverErrors, field) ??
    (tried || touched.has(field) ? messageFor(errors, field) : undefined);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    setD({ ...d, [k]: e.target.value });
    setTouched(new Set(touched).add(`/${k === 'rating' ? 'ratingTenths' : k}`));
  };
  const submit = async () => {
    setTried(true);
    if (Object.keys(errors).length > 0 || posterError) return;
    const saved = await save(async () => {
      const f = film ? await api.updateFilm(film.id, inputOf(d)) : await api.createFilm(inputOf(d));
      return poster ? api.uploadPoster(f.id, poster, poster.name) : f;
    });
    if (saved) {
      setDirty(false);
      onDone();
    }
  };
  const off = readOnly !== null || saving;
  return (
    <section aria-labelledby="film-form-h" className="admin-section">
      <header className="admin-head">
        <h2 id="film-form-h">{film ? `Edit film: ${film.title}` : 'New film'}</h2>
      </header>
      <form
        className="admin-form film-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            guard(onDone);
          }
        }}
      >
        <fieldset disabled={off} className="admin-grid">
          <Field id="film-title" label="Title" error={shown('/title')}>
            <input value={d.title} onChange={set('title')} autoFocus />
          </Field>
          <Field
            id="film-cert"
            label="Certificate"
            error={shown('/certification')}
            hint="As the market writes it: 12A, PG-13, U/A"
          >
            <input value={d.certification} onChange={set('certification')} />
          </Field>
          <Field id="film-duration" label="Duration (minutes)" error={shown('/durationMinutes')}>
            <input
              inputMode="numeric"
              value={d.durationMinutes}
              onChange={set('durationMinutes')}
            />
          </Field>
          <Field
            id="film-rating"
            label="Rating (0.0–10.0)"
            error={shown('/ratingTenths')}
            hint="Leave empty if not rated"
          >
            <input inputMode="decimal" value={d.rating} onChange={set('rating')} />
          </Field>
          <Field id="film-release" label="Release date" error={shown('/releaseDate')}>
            <input type="date" value={d.releaseDate} onChange={set('releaseDate')} />
          </Field>
          <Field
            id="film-close"
            label="Close date"
            error={shown('/closeDate')}
            hint="Last day of new shows; empty: open-ended"
          >
            <input type="date" value={d.closeDate} onChange={set('closeDate')} />
          </Field>
          <Field
            id="film-genres"
            label="Genres"
            error={shown('/genres')}
            hint="Separated by commas"
          >
            <input value={d.genres} onChange={set('genres')} />
          </Field>
          <Field
            id="film-languages"
            label="Languages"
            error={shown('/languages')}
            hint="Codes, e.g. en, hi, de"
          >
            <input value={d.languages} onChange={set('languages')} />
          </Field>
          <Field id="film-cast" label="Cast" error={shown('/cast')} hint="Separated by commas">
            <input value={d.cast} onChange={set('cast')} />
          </Field>
          <Field id="film-synopsis" label="Synopsis" error={shown('/synopsis')}>
            <textarea rows={4} value={d.synopsis} onChange={set('synopsis')} />
          </Field>
          <div className="film-poster">
            {preview ? (
              <img className="poster poster-medium" src={preview} alt="New poster" />
            ) : (
              <Poster url={film?.posterUrl ?? null} title={d.title || 'the film'} size="medium" />
            )}
            <Field
              id="film-poster"
              label="Poster"
              error={posterError ?? messageFor(serverErrors, '/poster')}
              hint="JPEG, PNG or WebP, at most 5 MiB"
            >
              <input
                type="file"
                accept={POSTER_TYPES.join(',')}
                onChange={(e) => {
                  const file = e.target.files?.[0] ?? null;
                  const problem = file ? posterProblem(file) : null;
                  setPosterError(problem);
                  setPoster(problem ? null : file);
                }}
              />
            </Field>
          </div>
        </fieldset>
        {error && (
          <p className="admin-error" role="alert">
            {error}
          </p>
        )}
        <div className="admin-actions">
          <button type="submit" className="primary" disabled={off || !dirty}>
            {saving ? 'Saving…' : film ? 'Save film' : 'Create film'}
          </button>
          <button type="button" onClick={() => guard(onDone)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
