// npm run test:e2e:hours: the Playwright suite once per hour of the day below, each time with the
// clock of every process it starts (the runner, sync servers, stations, PostgreSQL, Chromium) moved
// by libfaketime so that the fixture cinema (Europe/London) reads that hour, and each time under
// another machine time zone. It shows the e2e suite does not depend on the time of day (issue 10).
// Needs Debian's faketime (.ci/run installs it). Not part of npm test: three runs take ~10 minutes.
//   npm run test:e2e:hours                         all specs at 00:30, 09:15 and 23:45
//   npm run test:e2e:hours -- test/e2e/x.spec.ts   arguments go to playwright
//   E2E_HOURS=21:50,04:00 npm run test:e2e:hours   other hours
import { spawnSync } from 'node:child_process';
import { localDateOf, localDayRange, localTimeOf } from '../common/schedule.js';

/** The fixture cinema's zone (test/support/show-fixture.ts); the demo's cinemas follow from it. */
const CINEMA_ZONE = 'Europe/London';
/** The machine's own zone changes too, so nothing may lean on the runner's local time either. */
const MACHINE_ZONES = ['UTC', 'Asia/Kolkata', 'America/Los_Angeles'];
const DAY = 86_400_000;

/** Seconds to add to the real clock so that `zone` next reads `hhmm` (0 to 24 hours ahead). */
export function offsetTo(hhmm: string, zone: string, now: number): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  for (let d = 0; d < 3; d++) {
    const date = localDateOf(new Date(now + d * DAY), zone);
    const at = localDayRange(date, zone).from.getTime() + (h * 60 + m) * 60_000;
    if (at > now) return Math.ceil((at - now) / 1000);
  }
  throw new Error(`no ${hhmm} ahead in ${zone}`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status ?? 1;
}

/** Builds the renderer, then runs playwright once per hour; exits non-zero if any run failed. */
function main(): void {
  const hours = (process.env.E2E_HOURS ?? '00:30,09:15,23:45').split(',').map((h) => h.trim());
  const args = process.argv.slice(2);
  if (spawnSync('faketime', ['--help'], { stdio: 'ignore' }).error)
    throw new Error('faketime is not installed (Debian: apt-get install faketime).');
  if (run('npm', ['run', 'build:renderer']) !== 0) process.exit(1);

  const results: { hour: string; zone: string; ok: boolean; minutes: string }[] = [];
  hours.forEach((hour, i) => {
    const zone = MACHINE_ZONES[i % MACHINE_ZONES.length] ?? 'UTC';
    const offset = offsetTo(hour, CINEMA_ZONE, Date.now());
    const fake = new Date(Date.now() + offset * 1000);
    process.stdout.write(
      `\n== e2e with the clock at ${localTimeOf(fake, CINEMA_ZONE, 'en-GB')} ${localDateOf(fake, CINEMA_ZONE)} in ${CINEMA_ZONE} (+${String(offset)} s), machine zone ${zone}\n`,
    );
    const started = Date.now();
    // -m: the multi-threaded libfaketime, for Node, PostgreSQL and Chromium alike. Monotonic clocks are
    // moved too: Chromium's network service stops when only the wall clock moves.
    const status = run(
      'faketime',
      ['-m', '-f', `+${String(offset)}`, 'npx', 'playwright', 'test', ...args],
      {
        ...process.env,
        TZ: zone,
      },
    );
    results.push({
      hour,
      zone,
      ok: status === 0,
      minutes: ((Date.now() - started) / 60_000).toFixed(1),
    });
  });

  process.stdout.write('\n== e2e at every hour\n');
  for (const r of results)
    process.stdout.write(
      `${r.ok ? 'passed' : 'FAILED'}  ${r.hour} ${CINEMA_ZONE}, machine zone ${r.zone}, ${r.minutes} min\n`,
    );
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(
    `hours: ${String(results.length - failed)} passed, ${String(failed)} failed\n`,
  );
  process.exit(failed === 0 ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) main();
