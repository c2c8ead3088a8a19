// The README's config tables are generated from the schemas; this keeps them from drifting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTable } from '../scripts/config-table.js';
import { stationConfigSpec } from '../src-main/station/config.js';
import { serverConfigSpec } from '../sync-server/config.js';

// Prettier pads the README's tables into columns; compare cell contents, not the padding.
const unpadded = (markdown: string): string =>
  markdown
    .split('\n')
    .map((line) => line.replace(/\s*\|\s*/g, '|').replace(/^\|(:?-+:?\|)+$/, '|---|'))
    .join('\n');

describe('README', () => {
  const readme = unpadded(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));
  it('names the set-up commands', () => {
    for (const cmd of ['npm install', 'npm start', 'npm test']) expect(readme).toContain(cmd);
  });
  it('has the current config tables (regenerate with: npx tsx scripts/config-table.ts)', () => {
    expect(readme).toContain(unpadded(configTable(serverConfigSpec)));
    expect(readme).toContain(unpadded(configTable(stationConfigSpec)));
  });
});
