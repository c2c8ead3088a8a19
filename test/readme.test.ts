// The README's config tables are generated from the schemas; this keeps them from drifting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTable } from '../scripts/config-table.js';
import { stationConfigSpec } from '../src-main/station/config.js';
import { serverConfigSpec } from '../sync-server/config.js';

// Prettier pads table cells and separators to the widest cell; compare the cells, not the padding.
const cells = (markdown: string) =>
  markdown.replace(/ *\| */g, '|').replace(/\|:?-{3,}:?(?=\|)/g, '|---');

describe('README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it('names the set-up commands', () => {
    for (const cmd of ['npm install', 'npm start', 'npm test']) expect(readme).toContain(cmd);
  });
  it('has the current config tables (regenerate with: npx tsx scripts/config-table.ts)', () => {
    expect(cells(readme)).toContain(cells(configTable(serverConfigSpec)));
    expect(cells(readme)).toContain(cells(configTable(stationConfigSpec)));
  });
});
