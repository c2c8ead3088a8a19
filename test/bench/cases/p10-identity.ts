// P10: what identity costs. argon2id per password hash (the OWASP parameters of
// sync-server/identity/passwords.ts, measured in this process), and a signed-in request end to end:
// GET /api/v1/me with a Bearer token (JWT check + session lookup + profile read) at 16 concurrent.
import { hashPassword, verifyPassword } from '../../../db/password-hash.js';
import { summarize } from '../stats.js';
import { fmt, yesNo, type CaseContext, type CaseResult } from './context.js';

const HASHES = 20;
const CLIENTS = 16;
// Below 5 ms the parameters have been weakened; above 250 ms sign-in feels slow and is easy to flood.
const GOAL_HASH_MIN = 5;
const GOAL_HASH_MAX = 250;
const GOAL_ME_P95 = 20;

/** Runs P10. */
export async function runP10(ctx: CaseContext): Promise<CaseResult> {
  const hashMs: number[] = [];
  let stored = '';
  for (let i = 0; i < HASHES; i++) {
    const t = performance.now();
    stored = await hashPassword(`bench password number ${String(i)}`);
    hashMs.push(performance.now() - t);
  }
  const t0 = performance.now();
  await verifyPassword(`bench password number ${String(HASHES - 1)}`, stored);
  const verifyMs = performance.now() - t0;
  const hash = summarize(hashMs);

  const base = ctx.servers.urls[0] ?? '';
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${String(Date.now())}@example.com`,
      password: 'bench orchard lantern 42',
      name: 'Bench Customer',
    }),
  });
  if (signup.status !== 201) throw new Error(`P10 sign-up failed: ${String(signup.status)}`);
  const { tokens } = (await signup.json()) as { tokens: { accessToken: string } };
  const headers = { authorization: `Bearer ${tokens.accessToken}` };
  ctx.log(`P10: ${String(HASHES)} argon2id hashes, then GET /me at ${String(CLIENTS)} concurrent`);
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + ctx.cfg.phaseMs;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(`${base}/api/v1/me`, { headers });
        await res.arrayBuffer();
        if (res.status === 200) latencies.push(performance.now() - t);
        else errors += 1;
      }
    }),
  );
  const me = summarize(latencies);
  const perSec = Math.round((latencies.length * 1000) / ctx.cfg.phaseMs);
  const hashMet = hash.p50 >= GOAL_HASH_MIN && hash.p50 <= GOAL_HASH_MAX;
  const meMet = me.p95 < GOAL_ME_P95 && errors === 0;
  return {
    rows: [
      {
        figure: 'P10 argon2id hash (m=19 MiB, t=2, p=1) p50',
        value: fmt(hash.p50, 'ms'),
        goal: `${String(GOAL_HASH_MIN)}–${String(GOAL_HASH_MAX)} ms`,
        met: yesNo(hashMet),
      },
      { figure: 'P10 signed-in GET /me/s', value: fmt(perSec), goal: '', met: '' },
      {
        figure: 'P10 signed-in GET /me p95',
        value: fmt(me.p95, 'ms'),
        goal: `< ${String(GOAL_ME_P95)} ms`,
        met: yesNo(meMet),
      },
    ],
    json: {
      goal: `argon2id hash p50 within ${String(GOAL_HASH_MIN)}–${String(GOAL_HASH_MAX)} ms; GET /api/v1/me p95 < ${String(GOAL_ME_P95)} ms at ${String(CLIENTS)} concurrent`,
      met: hashMet && meMet,
      argon2idHashMs: hash,
      argon2idVerifyMs: Math.round(verifyMs * 10) / 10,
      meLatencyMs: me,
      mePerSec: perSec,
      errors,
    },
  };
}
