// Prints the README's config tables from the config schemas, so the docs cannot drift from the code.
import { describeConfig } from '../common/config-schema.js';
import { stationConfigSpec } from '../src-main/station/config.js';
import { serverConfigSpec } from '../sync-server/config.js';

/** Markdown table of a config spec. */
export function configTable(spec: Parameters<typeof describeConfig>[0]): string {
  const rows = describeConfig(spec).map(
    (r) => `| \`${r.env}\` | \`${r.default.replaceAll('|', '\\|')}\` | ${r.description} |`,
  );
  return ['| variable | default | what it does |', '|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  // Printed as Prettier would format it in the README, so pasting it keeps lint's format check green.
  const { format } = await import('prettier');
  process.stdout.write(
    await format(
      `### Sync server\n\n${configTable(serverConfigSpec)}\n\n### Station\n\n${configTable(stationConfigSpec)}\n`,
      { parser: 'markdown', printWidth: 100 },
    ),
  );
}
