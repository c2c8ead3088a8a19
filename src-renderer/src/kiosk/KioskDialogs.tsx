// What interrupts a customer: the idle warning with its countdown, and the out-of-service screen.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskOutOfService } from '../../../common/contract/station.js';

/** "Are you still there?" with the seconds left and a large "more time" button, focused. */
export function IdleWarning({ left, onMore }: { left: number; onMore: () => void }) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  return (
    <div className="k-overlay">
      <div
        className="k-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="k-idle-title"
        aria-describedby="k-idle-body"
      >
        <h2 id="k-idle-title">{t('idle.title')}</h2>
        <p id="k-idle-body">{t('idle.body', { count: left })}</p>
        <p className="k-countdown" aria-hidden="true">
          {left}
        </p>
        <button ref={button} type="button" className="k-primary k-huge" onClick={onMore}>
          {t('idle.more')}
        </button>
      </div>
    </div>
  );
}

/** The kiosk cannot serve: a word for customers, the reason for staff, and staff sign-in. */
export function OutOfService({
  why,
  onStaff,
  onPickup,
}: {
  why: KioskOutOfService;
  onStaff: () => void;
  /** Offline, bookings still print from the kiosk's copy: pick-up stays open. */
  onPickup: (() => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <main className="k-out" aria-labelledby="k-out-title">
      <h1 id="k-out-title">{t('out.title')}</h1>
      <p className="k-big">{t('out.body')}</p>
      {onPickup !== null && (
        <button type="button" className="k-primary k-huge" onClick={onPickup}>
          {t('attract.collect')}
        </button>
      )}
      <p className="k-staff-detail" data-reason={why.reason}>
        <strong>{t('out.staff')}</strong> <span lang="en">{why.detail}</span>
      </p>
      <button type="button" className="k-secondary" onClick={onStaff}>
        {t('out.staffSignIn')}
      </button>
    </main>
  );
}
