// The station's configuration: every key has a default, an env var and a description (STYLE 8).
import { z } from 'zod';
import { enrollmentCode } from '../../common/api/stations.js';
import {
  envValue,
  loadConfig,
  type ConfigOf,
  type ConfigSpec,
} from '../../common/config-schema.js';

export const stationConfigSpec = {
  host: {
    env: 'STATION_HOST',
    default: '127.0.0.1',
    description: 'Address the web shell listens on (keep it on loopback).',
    schema: envValue.host,
    allowed: 'a host name or IP address',
  },
  port: {
    env: 'STATION_PORT',
    default: 7400,
    description: 'TCP port of the station web shell (renderer + contract WebSocket).',
    schema: envValue.port,
    allowed: 'an integer from 0 to 65535',
  },
  dataDir: {
    env: 'STATION_DATA_DIR',
    default: '.data/station',
    description: 'Folder of the station’s SQLite replica, outbox and backups.',
    schema: envValue.text,
    allowed: 'a folder path',
  },
  serverUrl: {
    env: 'SYNC_SERVER_URL',
    default: 'http://127.0.0.1:7300',
    description: 'Base URL of the sync server.',
    schema: z.string().regex(/^https?:\/\/[^\s]+$/),
    allowed: 'an http:// or https:// URL',
  },
  stationId: {
    env: 'STATION_ID',
    default: '',
    description:
      'This device’s id from enrollment; with STATION_SECRET it wins over the credential stored by a code.',
    schema: z.uuid(),
    allowed: 'a UUID',
  },
  stationSecret: {
    env: 'STATION_SECRET',
    default: '',
    description: 'This device’s secret, given at enrollment (see STATION_ID).',
    schema: z.string().min(16),
    allowed: 'at least 16 characters',
    secret: true,
  },
  enrollCode: {
    env: 'STATION_ENROLL_CODE',
    default: '',
    description:
      'None by default. A one-time code the station enrolls with at start while not enrolled.',
    schema: enrollmentCode,
    allowed: 'a code like 7KQ2-M9XD-4TPA',
    secret: true,
  },
  kiosk: {
    env: 'STATION_KIOSK',
    default: false,
    description: 'Run as a self-service kiosk (card only, full screen).',
    schema: envValue.bool,
    allowed: 'true or false',
  },
  mode: {
    env: 'STATION_MODE',
    default: 'counter',
    description:
      'counter: sells (a kiosk too, with STATION_KIOSK); door: scans tickets at a door and lets people in, offline too.',
    schema: z.enum(['counter', 'door']),
    allowed: 'counter or door',
  },
  doorName: {
    env: 'STATION_DOOR_NAME',
    default: 'Door 1',
    description: 'The door’s name in door mode, as a second scan elsewhere reports it.',
    schema: z.string().trim().min(1).max(60),
    allowed: 'a name of 1 to 60 characters',
  },
  doorOpensMinutes: {
    env: 'DOOR_OPENS_MINUTES',
    default: 30,
    description: 'Door mode: how many minutes before a show starts its tickets are let in.',
    schema: envValue.nonNegativeInt.max(240),
    allowed: '0 to 240',
  },
  doorClosesMinutes: {
    env: 'DOOR_CLOSES_MINUTES',
    default: 45,
    description: 'Door mode: how many minutes after a show starts its tickets are still let in.',
    schema: envValue.nonNegativeInt.max(600),
    allowed: '0 to 600',
  },
  paymentTerminal: {
    env: 'PAYMENT_TERMINAL',
    default: 'none',
    description:
      'The kiosk’s card terminal: none (a kiosk then cannot take payment) or simulated (demo and tests: answers can be driven).',
    schema: z.enum(['none', 'simulated']),
    allowed: 'none or simulated',
  },
  terminalDelayMs: {
    env: 'TERMINAL_DELAY_MS',
    default: 1500,
    description: 'Simulated terminal: how long a payment waits before it is answered.',
    schema: envValue.nonNegativeInt.max(120_000),
    allowed: '0 to 120000 (milliseconds)',
  },
  kioskIdleSeconds: {
    env: 'KIOSK_IDLE_SECONDS',
    default: 90,
    description:
      'Kiosk: seconds without a touch before it warns that it will start over (paused while paying).',
    schema: envValue.positiveInt.min(15).max(1800),
    allowed: '15 to 1800',
  },
  kioskWarnSeconds: {
    env: 'KIOSK_WARN_SECONDS',
    default: 30,
    description:
      'Kiosk: how long the warning counts down, with a “more time” button, before the basket is released.',
    schema: envValue.positiveInt.min(10).max(300),
    allowed: '10 to 300',
  },
  kioskLanguages: {
    env: 'KIOSK_LANGUAGES',
    default: ['en', 'hi'],
    description: 'Kiosk: the languages a customer can switch between, the first shown first.',
    schema: z
      .string()
      .transform((v) => v.split(',').map((x) => x.trim()))
      .pipe(
        z
          .array(z.enum(['en', 'hi']))
          .min(1)
          .max(2),
      ),
    allowed: 'en, hi or both, comma-separated',
  },
  rendererDir: {
    env: 'STATION_RENDERER_DIR',
    default: 'dist-renderer',
    description: 'Folder of the built renderer that the web shell serves.',
    schema: envValue.text,
    allowed: 'a folder path',
  },
  allocationPerCategory: {
    env: 'ALLOCATION_PER_CATEGORY',
    default: 2,
    description: 'Seats per category per show escrowed to this station for offline sale.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer',
  },
  outboxRetryMs: {
    env: 'OUTBOX_RETRY_MS',
    default: 2000,
    description: 'How often unsent mutations are retried.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  reconnectMaxMs: {
    env: 'RECONNECT_MAX_MS',
    default: 15_000,
    description: 'Longest wait between reconnect attempts (exponential backoff with jitter).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  printerInterface: {
    env: 'PRINTER_INTERFACE',
    default: 'tcp://127.0.0.1:9100',
    description:
      'Ticket printer: tcp://host:port for a network printer, or a device path like /dev/usb/lp0.',
    schema: z.string().regex(/^(tcp:\/\/[^\s/]+|\/[^\s]+)$/),
    allowed: 'tcp://host[:port] or an absolute device path',
  },
  printerType: {
    env: 'PRINTER_TYPE',
    default: 'epson',
    description: 'Printer command set.',
    schema: z.enum(['epson', 'star']),
    allowed: 'epson or star',
  },
  printerWidthMm: {
    env: 'PRINTER_WIDTH_MM',
    default: 80,
    description: 'Paper width in millimetres.',
    schema: z.enum(['58', '80']).transform(Number),
    allowed: '58 or 80',
  },
  drawerPin: {
    env: 'DRAWER_PIN',
    default: 2,
    description: 'Cash drawer kick pin.',
    schema: z.enum(['2', '5']).transform(Number),
    allowed: '2 or 5',
  },
  allocationCutoffMinutes: {
    env: 'ALLOCATION_CUTOFF_MINUTES',
    default: 30,
    description: 'Minutes before a show when this station gives its escrowed seats back.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (minutes)',
  },
  cashConfirmMultiple: {
    env: 'CASH_CONFIRM_MULTIPLE',
    default: 10,
    description:
      'Cash above this multiple of the amount due must be confirmed (a typo like 50000 for 708).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  saleGraceMinutes: {
    env: 'SHOW_SALE_GRACE_MINUTES',
    default: 30,
    description:
      'Minutes after a show starts during which the counter still sells it; later it is closed for sale.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (minutes)',
  },
  backupKeep: {
    env: 'STATION_BACKUP_KEEP',
    default: 7,
    description: 'How many daily copies of the station database are kept (in DATA_DIR/backups).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  backupEveryHours: {
    env: 'STATION_BACKUP_EVERY_HOURS',
    default: 24,
    description: 'Hours between copies of the station database; 0 turns them off.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (hours)',
  },
  logLevel: {
    env: 'STATION_LOG_LEVEL',
    default: 'info',
    description: 'Station log level.',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    allowed: 'one of fatal, error, warn, info, debug, trace, silent',
  },
} satisfies ConfigSpec;

export type StationConfig = ConfigOf<typeof stationConfigSpec>;

/** Reads the station config from the environment, with optional overrides for tests. */
export function loadStationConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<StationConfig> = {},
): StationConfig {
  return loadConfig(stationConfigSpec, env, overrides);
}

/** The printer settings of this station, as the print queue and previews take them. */
export function printerSettings(c: StationConfig): {
  interface: string;
  type: 'epson' | 'star';
  widthMm: 58 | 80;
  drawerPin: 2 | 5;
} {
  return {
    interface: c.printerInterface,
    type: c.printerType === 'star' ? 'star' : 'epson',
    widthMm: c.printerWidthMm === 58 ? 58 : 80,
    drawerPin: c.drawerPin === 5 ? 5 : 2,
  };
}
