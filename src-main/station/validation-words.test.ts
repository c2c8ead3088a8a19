// Refused contract input says what is wrong in the cashier's words, never a schema path.
import { describe, expect, it } from 'vitest';
import { stationContract } from '../../common/contract/station.js';
import { dispatch, type Session } from './dispatch.js';

const session: Session = { id: 't', staff: { id: 's', name: 'Casey', role: 'cashier' } };
const uuid = '6f1c2a44-3a5e-4b7a-9a53-1d1c1f0d6a11';
// No handler may run: every input below is refused before it.
const handlers = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error('a handler ran for refused input');
    },
  },
) as never;
const refuse = async (channel: string, input: unknown) => {
  const r = await dispatch(stationContract, handlers, channel, input, { session });
  if (r.ok) throw new Error('accepted');
  return r.error;
};
const sale = (over: Record<string, unknown>) => ({
  showId: uuid,
  lines: [{ seatId: uuid, ticketTypeId: uuid }],
  tenders: [{ tender: 'cash', amountMinor: 1000 }],
  ...over,
});
// What a schema path or zod's own English looks like: none of it may reach the counter.
const TECHNICAL = /\w+\.\d+\.\w+|amountMinor|Too big|Too small|expected|Unrecognized|Invalid input/;

describe('validation wording', () => {
  it('says an amount is too large, with the code and the fields kept apart', async () => {
    const e = await refuse(
      'sales:create',
      sale({ tenders: [{ tender: 'cash', amountMinor: 500_000_000 }] }),
    );
    expect(e.code).toBe('BO_VALIDATION');
    expect(e.message).toBe('The amount is too large. Check the figure you typed.');
    expect(e.details).toEqual({ channel: 'sales:create', fields: ['tenders.0.amountMinor'] });
  });

  it.each([
    ['auth:signIn', { staffId: uuid, pin: '12' }, 'A PIN is 4 to 8 digits. Type your PIN again.'],
    [
      'sales:void',
      { orderId: uuid, reason: 'x', managerPin: '4826' },
      'That is not a manager’s PIN: a manager’s PIN has 6 to 8 digits. Ask the manager to type it again.',
    ],
    ['sales:create', sale({ tenders: [] }), 'Take a payment before completing the sale.'],
    ['sales:create', sale({ lines: [] }), 'The basket has no seats. Pick seats first.'],
    [
      'sales:create',
      sale({ tenders: [{ tender: 'cheque', amountMinor: 100 }] }),
      'Choose how the customer pays: Cash, Card, Voucher, UPI / wallet.',
    ],
    [
      'sales:create',
      sale({ discountCode: 'X'.repeat(41) }),
      'The discount code is too long: at most 40 characters.',
    ],
    ['till:open', { float: { cash: 1.5 } }, 'The opening float must be a whole number.'],
    [
      'till:open',
      { float: { cheque: 100 } },
      'That is not a way of paying this counter takes. Use Cash, Card, Voucher, UPI / wallet.',
    ],
    ['till:drop', { amountMinor: 0 }, 'The amount must be more than zero.'],
    ['sales:void', { orderId: uuid, reason: '' }, 'Say why: a reason is needed.'],
    [
      'seats:map',
      { showId: 'nope' },
      'The screen refers to the show that the station cannot use. Reload the screen (F5 in the browser, or restart the station app) and try again.',
    ],
    [
      'sales:reprint',
      { orderId: uuid, extra: 1 },
      'The screen sent something the station does not know. Reload the screen (F5 in the browser, or restart the station app) and try again.',
    ],
  ])('%s %j → %s', async (channel, input, words) => {
    const e = await refuse(channel, input);
    expect(e.code).toBe('BO_VALIDATION');
    expect(e.message).toBe(words);
    expect(e.message).not.toMatch(TECHNICAL);
  });

  it('says each problem once when several fields fail the same way', async () => {
    const e = await refuse(
      'sales:create',
      sale({
        tenders: [
          { tender: 'cash', amountMinor: 500_000_000 },
          { tender: 'card', amountMinor: 500_000_000 },
        ],
        discountCode: 'X'.repeat(41),
      }),
    );
    expect(e.message).toBe(
      'The discount code is too long: at most 40 characters. The amount is too large. Check the figure you typed.',
    );
  });
});
