// Staff of the cinema: search, filter, sort and page; add (PIN shown once), change role and
// cinemas, reset PIN, deactivate or reactivate, lift a lockout.
import { errorText } from '../kit/fields.js';
import { useEffect, useState } from 'react';
import {
  createStaffBody,
  staffPatch,
  type StaffAdminView,
  type StaffPage,
} from '../../../../common/api/admin-staff.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useCounter } from '../../store/counter-store.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { fieldErrorsOf, messageFor } from '../kit/fields.js';
import { ListTable } from '../kit/ListTable.js';
import { ShownOnce } from '../kit/ShownOnce.js';
import { useSave } from '../kit/use-save.js';

type Role = StaffAdminView['role'];
const ROLE_TEXT: Record<Role, string> = { cashier: 'Cashier', manager: 'Manager', admin: 'Admin' };

/** The staff section. */
export function StaffScreen() {
  const { api, cinemaId, readOnly } = useAdmin();
  const me = useCounter((s) => s.staff);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<{ key: string; dir: 'asc' | 'desc' }>({
    key: 'name',
    dir: 'asc',
  });
  const [page, setPage] = useState(1);
  const [list, setList] = useState<StaffPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<StaffAdminView | 'new' | null>(null);
  const [shown, setShown] = useState<{ name: string; pin: string } | null>(null);
  const [confirm, setConfirm] = useState<{
    title: string;
    text: string;
    label: string;
    run: () => Promise<unknown>;
  } | null>(null);
  const [reload, setReload] = useState(0);
  const { save, error: actionError } = useSave();
  useEffect(() => {
    api.staff(cinemaId, { q, page, pageSize: 20, sort: sort.key as 'name', dir: sort.dir }).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: unknown) => {
        setError(errorText(e));
      },
    );
  }, [api, cinemaId, q, sort, page, reload]);
  const again = () => setReload((n) => n + 1);
  const off = readOnly !== null;
  return (
    <section aria-labelledby="staff-h" className="admin-section">
      <header className="admin-head">
        <h2 id="staff-h">Staff</h2>
        <button type="button" className="primary" disabled={off} onClick={() => setEditing('new')}>
          New person
        </button>
      </header>
      {editing && (
        <StaffForm
          person={editing === 'new' ? null : editing}
          isAdmin={me?.role === 'admin'}
          onDone={(pin, name) => {
            setEditing(null);
            if (pin) setShown({ name, pin });
            again();
          }}
        />
      )}
      {actionError && (
        <p className="admin-error" role="alert">
          {actionError}
        </p>
      )}
      <ListTable<StaffAdminView>
        caption="Staff"
        rows={list?.items ?? null}
        rowKey={(s) => s.id}
        error={error}
        empty="Nobody matches."
        search={{
          value: q,
          label: 'Search staff',
          onChange: (v) => {
            setQ(v);
            setPage(1);
          },
        }}
        sort={{
          ...sort,
          onSort: (key) =>
            setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' })),
        }}
        paging={{ page, pageSize: 20, total: list?.total ?? 0, onPage: setPage }}
        columns={[
          { key: 'name', label: 'Name', sort: 'name', render: (s) => s.name },
          { key: 'role', label: 'Role', sort: 'role', render: (s) => ROLE_TEXT[s.role] },
          {
            key: 'state',
            label: 'State',
            render: (s) =>
              !s.active ? 'Deactivated' : s.lockedUntil ? 'Locked (wrong PINs)' : 'Active',
          },
          {
            key: 'actions',
            label: 'Actions',
            render: (s) => (
              <span className="row-actions">
                <button type="button" disabled={off} onClick={() => setEditing(s)}>
                  Edit<span className="visually-hidden"> {s.name}</span>
                </button>
                <button
                  type="button"
                  disabled={off}
                  onClick={() =>
                    setConfirm({
                      title: `New PIN for ${s.name}?`,
                      text: 'Their old PIN stops working at once and they are signed out everywhere.',
                      label: 'Give a new PIN',
                      run: async () => {
                        const r = await save(() => api.resetPin(s.id));
                        if (r) setShown({ name: s.name, pin: r.pin });
                      },
                    })
                  }
                >
                  New PIN<span className="visually-hidden"> for {s.name}</span>
                </button>
                {s.lockedUntil && (
                  <button
                    type="button"
                    disabled={off}
                    onClick={() => void save(() => api.unlockStaff(s.id)).then(again)}
                  >
                    Unlock<span className="visually-hidden"> {s.name}</span>
                  </button>
                )}
                {s.id !== me?.id && (
                  <button
                    type="button"
                    disabled={off}
                    onClick={() =>
                      setConfirm({
                        title: s.active ? `Deactivate ${s.name}?` : `Reactivate ${s.name}?`,
                        text: s.active
                          ? 'They are signed out at once and cannot sign in anywhere until reactivated.'
                          : 'They can sign in again with their PIN.',
                        label: s.active ? 'Deactivate' : 'Reactivate',
                        run: () => save(() => api.updateStaff(s.id, { active: !s.active })),
                      })
                    }
                  >
                    {s.active ? 'Deactivate' : 'Reactivate'}
                    <span className="visually-hidden"> {s.name}</span>
                  </button>
                )}
              </span>
            ),
          },
        ]}
      />
      {confirm && (
        <ConfirmDialog
          id="staff-confirm"
          title={confirm.title}
          actions={[
            {
              label: confirm.label,
              kind: 'danger',
              run: () => {
                const run = confirm.run;
                setConfirm(null);
                void run().then(again);
              },
            },
          ]}
          onEscape={() => setConfirm(null)}
          escapeLabel="Cancel"
        >
          <p>{confirm.text}</p>
        </ConfirmDialog>
      )}
      {shown && (
        <ShownOnce
          title={`PIN for ${shown.name}`}
          what={`${shown.name}’s new PIN`}
          secret={shown.pin}
          note="Give it to them in person; they sign in with it at any counter of their cinemas."
          onClose={() => setShown(null)}
        />
      )}
    </section>
  );
}

function StaffForm({
  person,
  isAdmin,
  onDone,
}: {
  person: StaffAdminView | null;
  isAdmin: boolean;
  onDone: (pin: string | null, name: string) => void;
}) {
  const { api, cinemaId, readOnly } = useAdmin();
  const [name, setName] = useState(person?.name ?? '');
  const [role, setRole] = useState<Role>(person?.role ?? 'cashier');
  const { save, saving, error, serverErrors } = useSave();
  const body = person ? { name, role } : { name, role };
  const errors = fieldErrorsOf(person ? staffPatch : createStaffBody, body);
  const shown = (f: string) =>
    messageFor(serverErrors, f) ?? (name !== '' ? messageFor(errors, f) : undefined);
  return (
    <form
      className="admin-form admin-inline-form"
      aria-label={person ? `Edit ${person.name}` : 'New person'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (Object.keys(errors).length > 0) return;
        void save(async () =>
          person
            ? { pin: null, staff: await api.updateStaff(person.id, { name: name.trim(), role }) }
            : api.createStaff(cinemaId, { name: name.trim(), role }),
        ).then((r) => r && onDone(r.pin, r.staff.name));
      }}
    >
      <fieldset disabled={readOnly !== null || saving} className="admin-grid">
        <Field id="staff-name" label="Name" error={shown('/name')}>
          <input value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="staff-role" label="Role" error={shown('/role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="cashier">Cashier</option>
            <option value="manager">Manager</option>
            {isAdmin && <option value="admin">Admin</option>}
          </select>
        </Field>
      </fieldset>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      <div className="admin-actions">
        <button
          type="submit"
          className="primary"
          disabled={readOnly !== null || saving || name.trim() === ''}
        >
          {person ? 'Save person' : 'Add person'}
        </button>
        <button type="button" onClick={() => onDone(null, '')}>
          Cancel
        </button>
      </div>
    </form>
  );
}
