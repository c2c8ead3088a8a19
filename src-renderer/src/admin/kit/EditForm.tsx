// An admin edit form: the contract's schema checks the draft (errors shown after the first save),
// the server's field errors go next to the fields, Save and Close; the unsaved-changes guard is
// cleared when it closes. Forms add what is their own beside the fields and among the actions.
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { FieldErrors } from '../../../../common/api/admin-common.js';
import { useAdmin } from '../context.js';
import { fieldErrorsOf } from './fields.js';
import { useSave } from './use-save.js';

type Props = {
  title: string;
  schema: z.ZodType;
  /** The draft as the contract's input. */
  value: unknown;
  fields: (errors: FieldErrors) => ReactNode;
  /** Runs the save; its run counts as done unless it throws. */
  onSave: () => Promise<unknown>;
  onClose: () => void;
  saveLabel?: string;
  /** Beside the fields (e.g. what a customer pays). */
  aside?: ReactNode;
  /** Under the fields (e.g. how often a code was used). */
  note?: ReactNode;
  /** More actions after Save and Close; they get the form's save to report errors the same way. */
  actions?: (save: (run: () => Promise<unknown>) => void) => ReactNode;
};

/** The form. */
export function EditForm({
  title,
  schema,
  value,
  fields,
  onSave,
  onClose,
  saveLabel = 'Save',
  aside,
  note,
  actions,
}: Props) {
  const { readOnly, setDirty } = useAdmin();
  const [shown, setShown] = useState(false);
  const { save, saving, error, serverErrors } = useSave();
  const local = fieldErrorsOf(schema, value);
  const errors = { ...(shown ? local : {}), ...serverErrors };
  const close = () => {
    setDirty(false);
    onClose();
  };
  const run = (what: () => Promise<unknown>) => {
    void save(what).then((ok) => {
      if (ok !== null) close();
    });
  };
  const grid = (
    <fieldset className="admin-grid" disabled={readOnly !== null}>
      {fields(errors)}
    </fieldset>
  );
  return (
    <form
      className="admin-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        setShown(true);
        if (Object.keys(local).length === 0) run(onSave);
      }}
    >
      <h3>{title}</h3>
      {aside ? (
        <div className="prices-two">
          {grid}
          {aside}
        </div>
      ) : (
        grid
      )}
      {note}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={readOnly !== null || saving}>
          {saveLabel}
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
        {actions?.(run)}
      </div>
    </form>
  );
}
