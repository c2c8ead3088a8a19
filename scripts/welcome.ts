// What npm start prints once everything runs: where to look and how to sign in.
import type { DemoCredentials, DemoStationCredential } from '../db/demo/credentials.js';
import { deriveDemoCredentials } from '../db/demo/credentials.js';
import type { DemoSummary } from '../db/demo/seed.js';

/** The demo sign-in data and the counter station npm start runs. */
export type Welcome = DemoCredentials & { station: DemoStationCredential };

/** Derives the demo credentials (they depend only on the seed) and picks the first cinema's counter. */
export function demoCredentials(seed: number, summary: DemoSummary | null): Welcome {
  const creds = summary ?? deriveDemoCredentials(seed);
  const station = creds.stations.find((s) => s.kind === 'counter');
  if (!station) throw new Error('The demo data has no counter station.');
  return { staff: creds.staff, stations: creds.stations, station };
}

/** Prints both URLs and the PINs of the station's cinema. */
export function printWelcome(o: {
  serverUrl: string;
  stationUrl: string;
  /** The kiosk and door stations npm start runs beside the counter. */
  lobby?: { name: string; url: string }[];
  credentials: Welcome;
  seconds: number;
  printerDir?: string;
  /** Where customers' emails and SMS land when no provider is configured. */
  outbox?: { mailDir: string | null; smsDir: string | null };
}): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const { station } = o.credentials;
  out();
  out(`Marquee is running (started in ${o.seconds.toFixed(1)} s).`);
  out(`  Counter station (${station.cinemaName}): ${o.stationUrl}`);
  for (const l of o.lobby ?? [])
    out(
      `  ${l.name === 'Kiosk' ? 'Self-service kiosk' : 'Door scanner'}:${' '.repeat(l.name === 'Kiosk' ? 6 : 12)}${l.url}${l.name === 'Kiosk' ? '   (pay with the simulated card terminal on screen)' : '   (type or scan a ticket code, Enter)'}`,
    );
  out(
    `  Sync server:   ${o.serverUrl}   (API docs ${o.serverUrl}/docs, health ${o.serverUrl}/health)`,
  );
  if (o.printerDir !== undefined)
    out(`  Printed tickets: ${o.printerDir}   (each job as .png picture, .txt text and raw .bin)`);
  if (o.outbox?.mailDir != null)
    out(`  Customer emails: ${o.outbox.mailDir}   (.eml files: open them with any mail program)`);
  if (o.outbox?.smsDir != null) out(`  Customer SMS:    ${o.outbox.smsDir}`);
  out();
  // The counter lists its cinema's cashiers and managers: choose the name, then type the PIN.
  out(`Demo staff at ${station.cinemaName} (choose your name at the counter, then type the PIN):`);
  for (const p of o.credentials.staff.filter(
    (s) => s.cinemaId === station.cinemaId && s.role !== 'admin',
  )) {
    out(`  ${p.pin.padEnd(8)} ${p.role.padEnd(8)} ${p.name}`);
  }
  // A chain admin's PIN hash is never in a station's replica, so it opens no counter.
  for (const p of o.credentials.staff.filter((s) => s.role === 'admin'))
    out(`  Chain admin ${p.name}: PIN ${p.pin} (server side only; not at a counter)`);
  // Password sign-in is for the admin view and the API (POST /api/v1/auth/staff/login).
  const logins = o.credentials.staff.filter(
    (s) => s.login && (s.role === 'admin' || s.cinemaId === station.cinemaId),
  );
  if (logins.length > 0) {
    out();
    out('Staff password sign-in (admin view, POST /api/v1/auth/staff/login):');
    for (const p of logins)
      out(`  ${p.role.padEnd(8)} ${p.login?.email ?? ''}  password ${p.login?.password ?? ''}`);
  }
  out();
  out('Press Ctrl-C to stop everything.');
}
