// Response schemas shared by routes, so the OpenAPI document shows every error shape.
import { z } from 'zod';

/** The body of every error response. */
export const errorBody = z.object({
  error: z.object({
    code: z.string().describe('Stable BO_… code'),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Error response schemas for the given statuses. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorBody> {
  return Object.fromEntries(statuses.map((s) => [s, errorBody])) as Record<S, typeof errorBody>;
}
