// The kiosk's idle timer (WCAG 2.2.1): after `idleSeconds` without a touch or key it warns, counts
// `warnSeconds` down with a "more time" button, then starts over. It does not run between customers
// nor while the customer is at the card terminal (the terminal has them), and restarts after.
import { useEffect, useRef, useState } from 'react';

/** Seconds left of the warning, or null when none is showing; `more` gives the customer more time. */
export function useIdle(opts: {
  active: boolean;
  idleSeconds: number;
  warnSeconds: number;
  onTimeout: () => void;
}): { left: number | null; more: () => void } {
  const last = useRef(Date.now());
  const [left, setLeft] = useState<number | null>(null);
  const { active, idleSeconds, warnSeconds, onTimeout } = opts;
  useEffect(() => {
    const touch = () => {
      last.current = Date.now();
    };
    document.addEventListener('pointerdown', touch, true);
    document.addEventListener('keydown', touch, true);
    return () => {
      document.removeEventListener('pointerdown', touch, true);
      document.removeEventListener('keydown', touch, true);
    };
  }, []);
  useEffect(() => {
    last.current = Date.now();
    setLeft(null);
    if (!active) return;
    const id = setInterval(() => {
      const idle = (Date.now() - last.current) / 1000;
      if (idle < idleSeconds) {
        setLeft(null);
        return;
      }
      const remaining = Math.ceil(idleSeconds + warnSeconds - idle);
      if (remaining <= 0) {
        setLeft(null);
        onTimeout();
      } else setLeft(remaining);
    }, 250);
    return () => clearInterval(id);
  }, [active, idleSeconds, warnSeconds, onTimeout]);
  return {
    left,
    more: () => {
      last.current = Date.now();
      setLeft(null);
    },
  };
}
