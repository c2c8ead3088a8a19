// What a station mutation's hold or release statement adds to record its ack in the same statement
// (DESIGN §4), and how a statement reports the answer stored before.

// A station mutation's statement also writes its ack (DESIGN §4): with the effect or not at all.
// `prior` is read first, so a replay whose first delivery committed before this statement began
// changes nothing and gets the stored answer in the same round trip. A concurrent duplicate cannot
// see that row yet: it reaches the plain INSERT (no ON CONFLICT), waits on the primary key, and its
// unique violation undoes its whole statement; the caller then answers with the stored row.
/** The SQL pieces that record a mutation's ack (empty when not recorded). */
export type Recording = { prior: string; guard: string; ack: string; columns: string };
/** No recording: a statement for a web caller or the server itself. */
export const NOT_RECORDED: Recording = { prior: '', guard: '', ack: '', columns: '' };
/** The recording pieces with the mutation's parameters from $first on, storing `result` taken `from`. */
export function recording(first: number, result: string, from: string): Recording {
  const id = `$${String(first)}`;
  return {
    prior: `prior AS MATERIALIZED (SELECT outcome, result, station_id, payload_hash FROM applied_mutations WHERE id = ${id}::uuid),
  `,
    guard: ' AND NOT EXISTS (SELECT 1 FROM prior)',
    ack: `,
  ack AS (
    INSERT INTO applied_mutations (id, station_id, kind, outcome, result, payload_hash)
    SELECT ${id}::uuid, $${String(first + 1)}::uuid, $${String(first + 2)}::text, 'ack', ${result}, $${String(first + 4)}::text ${from})`,
    columns:
      ', (SELECT outcome FROM prior) AS prior_outcome, (SELECT result FROM prior) AS prior_result, (SELECT station_id FROM prior) AS prior_station, (SELECT payload_hash FROM prior) AS prior_hash',
  };
}

/** The station mutation a statement records its ack for: its id, station, kind and payload hash. */
export type MutationRecord = { id: string; stationId: string; kind: string; payloadHash: string };

/** A mutation and the answer (JSON object) to store as its ack if the statement takes effect. */
export type MutationAnswer = { mutation: MutationRecord; answer: Record<string, unknown> };

/**
 * A mutation's answer as first stored: what every later delivery of it gets, if it comes from the
 * same station with the same payload (rows stored before payload hashes have none).
 */
export type StoredAnswer = {
  outcome: 'ack' | 'reject';
  result: unknown;
  stationId: string | null;
  payloadHash: string | null;
};

/** Thrown when a statement found its mutation applied before; it changed nothing and carries the stored answer. */
export class AlreadyApplied extends Error {
  constructor(readonly stored: StoredAnswer) {
    super('This mutation was applied before.');
  }
}

/** The parameters of a recording, in order. */
export const recordValues = (r: MutationAnswer): unknown[] => [
  r.mutation.id,
  r.mutation.stationId,
  r.mutation.kind,
  JSON.stringify(r.answer),
  r.mutation.payloadHash,
];

/** The columns a recorded statement returns about the answer stored before. */
export type PriorColumns = {
  prior_outcome?: string | null;
  prior_result?: unknown;
  prior_station?: string | null;
  prior_hash?: string | null;
};
/** The stored answer a statement found, if any. */
export const priorOf = (row: PriorColumns | undefined): StoredAnswer | null =>
  row?.prior_outcome === 'ack' || row?.prior_outcome === 'reject'
    ? {
        outcome: row.prior_outcome,
        result: row.prior_result ?? null,
        stationId: row.prior_station ?? null,
        payloadHash: row.prior_hash ?? null,
      }
    : null;
