import { describe, expect, it } from 'vitest';
import { PASSWORD_RULE, passwordProblem } from './password-rule.js';

const person = { email: 'asha.rao@example.com', name: 'Asha Rao' };

describe('password rule', () => {
  it.each([
    'plum orchard lantern 7',
    'Tr0ub4dor&3xx',
    'correct horse battery staple',
    'k8#Lm2!vQz9p',
    '§±!@#$%^&*()_+',
  ])('accepts %s', (p) => {
    expect(passwordProblem(p, person)).toBeNull();
  });

  it.each([
    ['too short', 'abc12!'],
    ['too long', 'x'.repeat(129)],
    ['a common stem with padding', 'Password123!'],
    ['a common stem twice', 'qwertyqwerty'],
    ['one repeated character', 'aaaaaaaaaaaa'],
    ['two characters', 'abababababab'],
    ['a digit run', '1234567890'],
    ['a reversed run', '9876543210'],
    ['a keyboard row', 'qwertyuiop'],
    ['the email name', 'asha.rao1990'],
    ['the person’s name', 'Rao!!!!!!!!'],
  ])('refuses %s', (_why, p) => {
    expect(passwordProblem(p, person)).toBe(PASSWORD_RULE);
  });
});
