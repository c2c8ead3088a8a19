// A PIN field with the on-screen keypad: digits from the keyboard or the keys, at most 8.
import type { KeyboardEvent, RefObject } from 'react';
import { PIN_MAX_DIGITS } from '../../../common/pin-rule.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

type Props = {
  id: string;
  label: string;
  pin: string;
  setPin: (pin: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
};

/** The PIN input and its keypad; the keypad keeps the focus in the field. */
export function PinPad({ id, label, pin, setPin, inputRef, onKeyDown }: Props) {
  const press = (k: (typeof KEYS)[number]) => {
    if (k === 'clear') setPin('');
    else if (k === 'back') setPin(pin.slice(0, -1));
    else if (pin.length < PIN_MAX_DIGITS) setPin(pin + k);
    inputRef.current?.focus();
  };
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        className="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        autoFocus
        maxLength={PIN_MAX_DIGITS}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX_DIGITS))}
        onKeyDown={onKeyDown}
      />
      <div className="keypad" role="group" aria-label="PIN keypad">
        {KEYS.map((k) => (
          <button
            key={k}
            type="button"
            className={`key key-${k}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => press(k)}
            aria-label={k === 'clear' ? 'Clear' : k === 'back' ? 'Delete last digit' : k}
          >
            {k === 'clear' ? 'C' : k === 'back' ? '⌫' : k}
          </button>
        ))}
      </div>
    </>
  );
}
