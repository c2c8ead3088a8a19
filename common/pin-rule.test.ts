import { describe, expect, it } from 'vitest';
import { isTrivialPin, pinProblem } from './pin-rule.js';

describe('PIN rule', () => {
  it('accepts 4+ digits for a cashier and 6+ for a manager or admin, 8 at most', () => {
    expect(pinProblem('4826', 'cashier')).toBeNull();
    expect(pinProblem('4826', 'manager')).toMatch(/at least 6/);
    expect(pinProblem('48261', 'admin')).toMatch(/at least 6/);
    expect(pinProblem('246810', 'manager')).toBeNull();
    expect(pinProblem('24681357', 'admin')).toBeNull();
    expect(pinProblem('246813579', 'cashier')).toMatch(/at most 8/);
    expect(pinProblem('482', 'cashier')).toMatch(/at least 4/);
  });

  it('refuses anything but digits', () => {
    expect(pinProblem('48a6', 'cashier')).toMatch(/digits only/);
    expect(pinProblem(' 4826', 'cashier')).toMatch(/digits only/);
    expect(pinProblem('', 'cashier')).toMatch(/digits only/);
  });

  it('refuses one repeated digit and straight runs, up or down', () => {
    for (const pin of ['0000', '1111', '999999', '1234', '123456', '9876', '876543', '01234567'])
      expect(isTrivialPin(pin), pin).toBe(true);
    for (const pin of ['1235', '2468', '246810', '1122', '9870'])
      expect(isTrivialPin(pin), pin).toBe(false);
    expect(pinProblem('123456', 'manager')).toMatch(/too easy/);
  });
});
