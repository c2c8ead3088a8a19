// Emails rendered on threads are the emails rendered in process, byte for byte, and a failure comes
// back as the renderer's error.
import { afterAll, describe, expect, it } from 'vitest';
import { renderEmail } from './email.js';
import { createRenderPool, RenderError } from './render-pool.js';
import { makeFacts } from './test-facts.js';

const pool = createRenderPool(2);
afterAll(async () => {
  await pool.close();
});

describe('the render pool', () => {
  it('renders what the renderer renders, attachments included, many at once', async () => {
    const content = { kind: 'booking.confirmed', facts: makeFacts() } as const;
    const here = await renderEmail(content);
    const there = await Promise.all(Array.from({ length: 6 }, () => pool.email(content)));
    for (const t of there) {
      expect(t.subject).toBe(here.subject);
      expect(t.html).toBe(here.html);
      expect(t.attachments.map((a) => [a.filename, a.contentType])).toEqual(
        here.attachments.map((a) => [a.filename, a.contentType]),
      );
      // The same PDF bytes: the tickets do not depend on where they were drawn.
      expect(t.attachments.every((a) => Buffer.isBuffer(a.content))).toBe(true);
      expect(
        t.attachments[0]?.content.equals(here.attachments[0]?.content ?? Buffer.alloc(0)),
      ).toBe(true);
    }
  });

  it('gives back the renderer’s error for content it refuses', async () => {
    const facts = makeFacts({ manageUrl: 'javascript:alert(1)' });
    const failed = pool.email({ kind: 'booking.confirmed', facts });
    await expect(failed).rejects.toBeInstanceOf(RenderError);
    await expect(failed).rejects.toMatchObject({ code: 'BO_VALIDATION' });
    // The thread is still there for the next one.
    expect(
      (await pool.email({ kind: 'booking.expired', facts: makeFacts() })).subject,
    ).toBeTruthy();
  });

  it('refuses work once closed', async () => {
    const p = createRenderPool(1);
    await p.close();
    await expect(p.email({ kind: 'booking.expired', facts: makeFacts() })).rejects.toThrow(
      /closed/,
    );
  });
});
