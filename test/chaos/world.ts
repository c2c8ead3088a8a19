// The chaos run's world: a real PostgreSQL (restartable), a cinema with four shows, the stations and
// staff that sell in it, and the settings every server and station process of the run shares.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { migratePg, openPg } from '../../db/pg/client.js';
import { freePort, startEmbeddedPg, type EmbeddedPg } from '../../db/pg/embedded.js';
import { hashSecret } from '../../db/secret-hash.js';
import { createShowFixture, type ShowFixture } from '../support/show-fixture.js';

export type StationKind = 'counter' | 'kiosk' | 'door';

/** One station of the run and the cashier who works it. */
export type WorldStation = {
  name: string;
  kind: StationKind;
  id: string;
  secret: string;
  staff: { id: string; pin: string } | null;
};

export type World = {
  pg: { url: string; port: number; restart(downMs: number): Promise<void>; stop(): Promise<void> };
  fx: ShowFixture & { showIds: string[] };
  stations: WorldStation[];
  /** Signs the test gateway's webhooks in every server process (so the run can replay them). */
  gatewaySecret: string;
};

/** Cashier PINs that pass the PIN rule; one per selling station. */
const PINS = ['4826', '3971', '5183', '6294', '7305', '8416', '9527', '2638'];

export async function createWorld(o: {
  dir: string;
  counters: number;
  kiosks: number;
  doors: number;
  /** Shows three hours apart, each in a room of rows × perRow seats. */
  shows: number;
  rows: number;
  perRow: number;
}): Promise<World> {
  let pg: EmbeddedPg = await startEmbeddedPg(path.join(o.dir, 'pg'), { port: await freePort() });
  await createDatabase(pg.adminUrl, 'chaos');
  const url = pg.urlFor('chaos');
  const db = openPg(url, { max: 2 });
  await migratePg(db);
  // Show 1 starts soon enough for the door to let people in, and is past the allocation cut-off
  // later in a long run; the others are hours away, with seats escrowed to every station.
  const fx = await createShowFixture(db.$client, {
    rows: o.rows,
    perRow: o.perRow,
    shows: o.shows,
    startsInMinutes: 45,
    food: true,
  });
  const stations: WorldStation[] = [];
  const add = async (kind: StationKind, n: number) => {
    for (let i = 1; i <= n; i++) {
      const name = `${kind}-${String(i)}`;
      const id = randomUUID();
      const secret = randomBytes(16).toString('hex');
      await db.$client.query(
        'INSERT INTO stations (id, cinema_id, name, kind, secret_hash) VALUES ($1, $2, $3, $4, $5)',
        [id, fx.cinemaId, name, kind, hashSecret(secret)],
      );
      let staff: WorldStation['staff'] = null;
      if (kind !== 'door') {
        const pin = PINS[stations.filter((s) => s.staff !== null).length] ?? '';
        const staffId = randomUUID();
        await db.$client.query(
          "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $2, $3, $4, 'cashier', $5)",
          [staffId, fx.chainId, fx.cinemaId, `Cashier ${name}`, hashSecret(pin)],
        );
        await db.$client.query('INSERT INTO staff_cinemas (staff_id, cinema_id) VALUES ($1, $2)', [
          staffId,
          fx.cinemaId,
        ]);
        staff = { id: staffId, pin };
      }
      stations.push({ name, kind, id, secret, staff });
    }
  };
  await add('counter', o.counters);
  await add('kiosk', o.kiosks);
  await add('door', o.doors);
  await db.$client.end();
  const port = pg.port;
  return {
    pg: {
      url,
      port,
      restart: async (downMs) => {
        await pg.stop();
        await new Promise((r) => setTimeout(r, downMs));
        pg = await startEmbeddedPg(path.join(o.dir, 'pg'), { port });
      },
      stop: () => pg.stop(),
    },
    fx,
    stations,
    gatewaySecret: randomBytes(32).toString('hex'),
  };
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = openPg(adminUrl, { max: 1 });
  try {
    await admin.$client.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.$client.end();
  }
}
