// The password rule customers and staff see, checked the same on the server and in every client.
// NIST SP 800-63B: length over composition rules, and refuse passwords that are known or guessable.

/** Shortest password accepted. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest password accepted (argon2 takes any length; this bounds the work one request can cause). */
export const PASSWORD_MAX_LENGTH = 128;

/** The rule in one sentence, for forms and error messages. */
export const PASSWORD_RULE = `Use ${String(PASSWORD_MIN_LENGTH)} to ${String(PASSWORD_MAX_LENGTH)} characters that are not a common password, a keyboard or number run, one repeated character, or your email or name.`;

// The most used passwords of breach lists, reduced to their stems: a password made of one of these
// plus digits or symbols ("Password123!", "qwerty2024") is what attackers try first.
const COMMON_STEMS = [
  'password',
  'passw0rd',
  'qwerty',
  'qwertz',
  'azerty',
  'asdfgh',
  'zxcvbn',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'login',
  'abc123',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'master',
  'shadow',
  'superman',
  'trustno1',
  'changeme',
  'secret',
  'cinema',
  'marquee',
  'movie',
  'ticket',
];

const RUNS = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiopasdfghjklzxcvbnm'];

/** True when `s` is one character repeated, or a straight run of the alphabet, digits or keyboard. */
function isRunOrRepeat(s: string): boolean {
  if (new Set(s).size <= 2) return true;
  // The runs are ASCII, so reversing code units is safe.
  return RUNS.some((run) => run.includes(s) || run.split('').reverse().join('').includes(s));
}

/** Why `password` is refused, or null when it is acceptable. `person` parts must not be reused. */
export function passwordProblem(
  password: string,
  person: { email?: string; name?: string } = {},
): string | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH)
    return PASSWORD_RULE;
  const lower = password.toLowerCase();
  const core = lower.replace(/[^a-z0-9]/g, '');
  const letters = lower.replace(/[^a-z]/g, '');
  // Judged on what is left without symbols (and without digits): "aaaa1111!!" is still a repeat.
  if (new Set(password).size <= 3) return PASSWORD_RULE;
  if (core.length >= 6 && isRunOrRepeat(core)) return PASSWORD_RULE;
  if (letters.length >= 6 && letters.length >= core.length - 4 && isRunOrRepeat(letters))
    return PASSWORD_RULE;
  // A known stem plus padding: strip digits and symbols and see what is left.
  if (
    COMMON_STEMS.some((stem) => letters === stem || core === stem || letters === `${stem}${stem}`)
  )
    return PASSWORD_RULE;
  const local = ((person.email ?? '').toLowerCase().split('@')[0] ?? '').replace(/[^a-z0-9]/g, '');
  const nameParts = (person.name ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((p) => p.length >= 3);
  if ((local.length >= 3 && core.includes(local)) || nameParts.some((p) => letters === p))
    return PASSWORD_RULE;
  return null;
}
