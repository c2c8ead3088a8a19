// The station core: replica, sync engine, print queue, sales, tills and the contract handlers.
// Plain Node; never imports electron.
import { EventEmitter } from 'node:events';
import type { EventPayload, HandlersOf } from '../../common/contract/define.js';
import {
  stationContract,
  type CinemaInfo,
  type StationContract,
  type StationEvents,
} from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import { createPrintQueue, type PrintQueue } from '../printing/print-queue.js';
import { createPinChecker } from './auth.js';
import { printerSettings, type StationConfig } from './config.js';
import type { CallContext } from './dispatch.js';
import { startEscrow } from './escrow.js';
import { startDailyBackup } from './daily-backup.js';
import { openLocalDb, type LocalDb } from './local-db.js';
import { createPickup } from './pickup.js';
import { createSales } from './sales.js';
import { buildHandlers } from './handlers.js';
import { createSigner } from './signer.js';
import { createSyncEngine, type SyncEngine } from './sync/engine.js';
import { createTills } from './till.js';
import { createDoor } from './door.js';
import { createVoids } from './voids.js';
import { createKioskOf } from './kiosk.js';
import type { createSimulatedTerminal } from './payment-terminal.js';
import { recordLateSale } from './late-sale.js';
import { createEnrollment, type Enrollment } from './enrollment.js';
import type { SyncLog } from './sync/types.js';

/** A running station core. */
export type Station = {
  config: StationConfig;
  db: LocalDb;
  engine: SyncEngine;
  enrollment: Enrollment;
  printQueue: PrintQueue;
  contract: StationContract;
  handlers: HandlersOf<StationContract, CallContext>;
  /** True while customers may use the kiosk's channels (a kiosk with its till open). */
  kioskOpen: () => boolean;
  /** The kiosk's simulated card terminal (PAYMENT_TERMINAL=simulated), for the demo and tests. */
  simulatedTerminal: ReturnType<typeof createSimulatedTerminal> | null;
  /** Subscribes to station events; returns the unsubscribe function. */
  on<K extends keyof StationEvents>(
    name: K,
    listener: (payload: EventPayload<StationEvents, K>) => void,
  ): () => void;
  /** Every event, for shells that forward all of them. */
  onAny(listener: (name: string, payload: unknown) => void): () => void;
  close(): Promise<void>;
};

/** What tests may inject into a station: its clock (ms since the epoch), to stand at any hour, a logger, fetch. */
export type StationOptions = { now?: () => number; log?: SyncLog; fetch?: typeof fetch };

/** Opens the replica, starts sync, printing and escrow, and builds the contract handlers. */
export async function createStation(
  config: StationConfig,
  opts: StationOptions = {},
): Promise<Station> {
  const now = opts.now ?? Date.now;
  const db = await openLocalDb(config.dataDir);
  // A copy: stationId follows the enrollment at run time, and everything reads it when it acts.
  const cfg: StationConfig = { ...config };
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const emit = (name: keyof StationEvents, payload: unknown) => {
    bus.emit(name, payload);
    bus.emit('*', name, payload);
  };

  const cinemaOrNull = (): CinemaInfo | null => {
    const row = db.$client
      .prepare(
        'SELECT id, name, time_zone, currency, locale, address, tax_ids FROM cinemas LIMIT 1',
      )
      .get() as
      | {
          id: string;
          name: string;
          time_zone: string;
          currency: string;
          locale: string;
          address: string;
          tax_ids: string;
        }
      | undefined;
    return row
      ? {
          id: row.id,
          name: row.name,
          timeZone: row.time_zone,
          currency: row.currency,
          locale: row.locale,
          address: row.address,
          taxIds: taxIdsOf(row.tax_ids),
        }
      : null;
  };
  const cinema = (): CinemaInfo => {
    const c = cinemaOrNull();
    if (!c)
      throw new BoError(
        'BO_UNAVAILABLE',
        'This station has not downloaded its cinema yet. Connect it to the server once.',
      );
    return c;
  };

  const engine = createSyncEngine({
    db,
    serverUrl: config.serverUrl,
    stationId: config.stationId,
    secret: config.stationSecret,
    reconnectMaxMs: config.reconnectMaxMs,
    outboxRetryMs: config.outboxRetryMs,
    ...(opts.log === undefined ? {} : { log: opts.log }),
  });
  let engineStarted = false;
  const enrollment = createEnrollment({
    db,
    config,
    engine,
    now,
    log: opts.log ?? (() => undefined),
    ...(opts.fetch === undefined ? {} : { fetch: opts.fetch }),
    onChange: (s) => {
      cfg.stationId = s.stationId ?? '';
      emit('station:enrollment', s);
      if (s.state === 'enrolled' && !engineStarted) {
        engineStarted = true;
        engine.start();
      }
    },
  });
  const initial = enrollment.credential();
  if (initial !== null) {
    cfg.stationId = initial.stationId;
    await engine.setCredential(initial);
  }
  const printQueue = createPrintQueue({
    db,
    settings: () => printerSettings(config),
  });
  const signer = createSigner(db);
  const tills = createTills(
    db,
    () => cinemaOrNull()?.currency ?? 'USD',
    (p) => void engine.enqueue('till', p),
  );
  const pins = createPinChecker(db, () => cinemaOrNull()?.id ?? null, now);
  const door = createDoor({
    db,
    engine,
    serverPublicKey: () => signer.serverPublicKey(),
    cinema: cinemaOrNull,
    stationId: () => cfg.stationId,
    door: {
      name: config.doorName,
      opensMinutes: config.doorOpensMinutes,
      closesMinutes: config.doorClosesMinutes,
    },
    now,
  });
  const sales = createSales({
    db,
    sync: engine,
    print: printQueue,
    tills,
    cinema,
    // A getter: enrollment may give the station its id after it started.
    get stationId() {
      return cfg.stationId;
    },
    sign: (t) => signer.sign(t),
    now,
    saleGraceMinutes: config.saleGraceMinutes,
    kiosk: config.kiosk,
  });
  const pickup = createPickup({
    db,
    sync: engine,
    print: printQueue,
    cinema,
    get stationId() {
      return cfg.stationId;
    },
    kiosk: config.kiosk,
    sign: (t) => signer.sign(t),
    now,
  });
  const { kiosk, simulatedTerminal } = createKioskOf(config, {
    db,
    engine,
    tills,
    sales,
    printQueue,
    enrolled: () => enrollment.status().state === 'enrolled',
    stationId: () => cfg.stationId,
    currency: () => cinemaOrNull()?.currency ?? 'USD',
    now,
  });
  const voids = createVoids({
    db,
    sync: engine,
    tills,
    print: printQueue,
    cinema,
    checkPin: (pin) => pins.approveByPin(pin),
  });
  const escrow = startEscrow({
    db,
    sync: engine,
    get stationId() {
      return cfg.stationId;
    },
    perCategory: config.allocationPerCategory,
    cutoffMinutes: config.allocationCutoffMinutes,
  });

  // These enqueue mutations, which change the status again: run each at most once at a time,
  // and look at escrow once the catch-up has brought the shows in.
  let certifying = false;
  let escrowTimer: NodeJS.Timeout | null = null;
  engine.onStatus((s) => {
    emit('sync:status', s);
    if (s.state !== 'online') return;
    if (!certifying && !signer.certified()) {
      certifying = true;
      void signer.ensureCertificate(engine).finally(() => {
        certifying = false;
      });
    }
    // A door sells nothing: seats set aside for it would only be kept from the counters.
    if (s.catchUp === null && config.mode !== 'door') {
      escrowTimer ??= setTimeout(() => {
        escrowTimer = null;
        escrow.tick();
      }, 200);
    }
  });
  engine.onSeats((e) => {
    const mineOf = db.$client.prepare(
      'SELECT station_id FROM show_seats WHERE show_id = ? AND seat_id = ?',
    );
    emit('seats:changed', {
      showId: e.showId,
      seats: e.seats.map((s) => ({
        seatId: s.seatId,
        state: s.state,
        mine:
          s.state === 'allocated' &&
          (mineOf.get(e.showId, s.seatId) as { station_id: string | null } | undefined)
            ?.station_id === cfg.stationId,
      })),
    });
  });
  engine.onCatalog((tables) => {
    emit('catalog:changed', { tables });
  });
  engine.onOutcome((o) => {
    door.onOutcome(o);
    if (
      o.outcome === 'ack' &&
      o.mutation.kind === 'sell' &&
      !sales.isWaiting((o.mutation.payload as { orderId: string }).orderId)
    )
      recordLateSale({ db, cinema, stationId: cfg.stationId }, o.mutation.payload);
    if (o.mutation.kind === 'sell' || o.mutation.kind === 'void')
      emit('seats:changed', { showId: '*', seats: [] });
  });
  printQueue.onStatus((e) => {
    emit(
      'print:status',
      e.type === 'job'
        ? { jobId: e.job.id, status: e.job.status, lastError: e.job.lastError?.message ?? null }
        : {
            jobId: null,
            status: e.printer.connected === false ? 'offline' : 'ready',
            lastError: e.printer.lastError?.message ?? null,
          },
    );
  });

  const handlers = buildHandlers({
    config: cfg,
    enrollment,
    db,
    engine,
    printQueue,
    tills,
    pins,
    sales,
    voids,
    door,
    pickup,
    kiosk,
    simulatedTerminal,
    cinema,
    cinemaOrNull,
    now,
  });
  if (enrollment.status().state === 'enrolled') {
    engineStarted = true;
    engine.start();
  } else if (enrollment.status().state === 'not-enrolled' && config.enrollCode !== '') {
    // npm start's demo counter enrolls itself with a code made for it (STATION_ENROLL_CODE).
    void enrollment.enroll(config.serverUrl, config.enrollCode).catch((e: unknown) => {
      // The enrollment screen still asks for a code; whoever started the station learns why here.
      const error = e instanceof Error ? e.message : String(e);
      if (opts.log) opts.log('error', 'enrollment with STATION_ENROLL_CODE failed', { error });
      else
        process.stderr.write(`The station could not enroll with STATION_ENROLL_CODE: ${error}\n`);
    });
  }
  printQueue.start();
  // Live printer status (connected, paper) for the header, even between print jobs.
  const printerCheck = setInterval(
    () => void printQueue.checkPrinter().catch(() => undefined),
    30_000,
  );
  printerCheck.unref();
  const stopBackups = startDailyBackup({
    sqlite: db.$client,
    dataDir: config.dataDir,
    keep: config.backupKeep,
    everyHours: config.backupEveryHours,
    now,
    onError: (e) => {
      const error = e instanceof Error ? e.message : String(e);
      if (opts.log) opts.log('error', 'daily station backup failed', { error });
      else process.stderr.write(`The daily station backup failed: ${error}\n`);
    },
  });
  void printQueue.checkPrinter().catch(() => undefined);

  return {
    config: cfg,
    db,
    engine,
    enrollment,
    printQueue,
    contract: stationContract,
    handlers,
    kioskOpen: () => config.kiosk && kiosk.isOpen(),
    simulatedTerminal,
    on(name, listener) {
      const wrapped = (payload: unknown) => {
        listener(payload as EventPayload<StationEvents, typeof name>);
      };
      bus.on(name, wrapped);
      return () => bus.off(name, wrapped);
    },
    onAny(listener) {
      const wrapped = (name: string, payload: unknown) => {
        listener(name, payload);
      };
      bus.on('*', wrapped);
      return () => bus.off('*', wrapped);
    },
    async close() {
      clearInterval(printerCheck);
      stopBackups();
      escrow.stop();
      if (escrowTimer) clearTimeout(escrowTimer);
      await engine.stop();
      await printQueue.stop();
      db.$client.close();
    },
  };
}

/** The replica's tax_ids JSON as a list of strings; anything else is no tax ids. */
function taxIdsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
