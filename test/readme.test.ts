// The README's config tables are generated from the schemas; this keeps them from drifting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTable } from '../scripts/config-table.js';
import { stationConfigSpec } from '../src-main/station/config.js';
import { serverConfigSpec } from '../sync-server/config.js';

describe('README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it('names the set-up commands', () => {
    for (const cmd of ['npm install', 'npm start', 'npm test']) expect(readme).toContain(cmd);
  });
  it('has the current config tables (regenerate with: npx tsx scripts/config-table.ts)', () => {
    // Prettier pads the tables' columns (lint checks it), so compare them without the padding.
    const bare = (text: string) => text.replace(/ *\| */g, '|').replace(/\|-{3,}/g, '|---');
    expect(bare(readme)).toContain(bare(configTable(serverConfigSpec)));
    expect(bare(readme)).toContain(bare(configTable(stationConfigSpec)));
  });
});
