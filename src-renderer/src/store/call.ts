// Calls the station through the contract client; failures are shown to the cashier unless quiet.
import type { InputOf, OutputOf } from '../../../common/contract/define.js';
import type { StationChannel, StationContract } from '../../../common/contract/station.js';
import type { Result } from '../../../common/errors.js';
import type { SliceDeps } from './types.js';

/** Invokes a channel; on failure the error message (written for cashiers) goes to the notice bar. */
export async function ask<K extends StationChannel>(
  d: SliceDeps,
  channel: K,
  input: InputOf<StationContract, K>,
  opts: { quiet?: boolean } = {},
): Promise<Result<OutputOf<StationContract, K>>> {
  const r = await d.client.invoke(channel, input);
  if (!r.ok && opts.quiet !== true) d.get().fail(r.error);
  return r;
}
