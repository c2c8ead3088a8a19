// A secret shown once (a new PIN, an enrollment code): big, with the warning that it will not be
// shown again; closing it is the only way on.
import { ConfirmDialog } from '../../components/ConfirmDialog.js';

/** The dialog. */
export function ShownOnce({
  title,
  what,
  secret,
  note,
  onClose,
}: {
  title: string;
  what: string;
  secret: string;
  note?: string;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      id="shown-once"
      title={title}
      actions={[{ label: 'I have noted it', kind: 'primary', run: onClose }]}
      onEscape={onClose}
      escapeLabel="Close"
    >
      <p>{what}</p>
      <p className="secret" aria-label={what}>
        <output>{secret}</output>
      </p>
      <p className="muted">
        It is shown only now and cannot be shown again.{note ? ` ${note}` : ''}
      </p>
    </ConfirmDialog>
  );
}
