// The one pricing function of DESIGN §6: station, server and renderer all call priceOrder, so every
// screen, receipt and report agrees to the minor unit.
//
// Order of operations: shelf price (seat category price × format × ticket type, inclusive taxes
// included) → discount → taxes. Discount and tax amounts are computed once per order and then
// spread over the lines by largest remainder, so the lines always add up to the totals exactly.
import type { z } from 'zod';
import { formatInstant, type TimeDisplay } from './instant-words.js';
import { allocate, formatMoney, mulDivRound } from './money.js';
import {
  BP_ONE,
  itemClassSchema,
  pricingInputSchema,
  type ItemClass,
  type ParsedPricingInput,
  type PricedLine,
  type PricedOrder,
  type PricingErrorCode,
  type PricingInput,
  type PricingResult,
  type TaxTotal,
} from './pricing-schema.js';

export * from './pricing-schema.js';

/** Unit price of a ticket: seat category price × format × ticket type, rounded once. */
export function ticketUnitPrice(
  basePriceMinor: number,
  formatBp: number,
  ticketTypeBp: number,
): number {
  return mulDivRound(basePriceMinor, formatBp * ticketTypeBp, BP_ONE * BP_ONE);
}

/** Prices an order at instant `now` (for the discount's validity), or says why it cannot. */
export function priceOrder(input: PricingInput, now: Date): PricingResult {
  const parsed = pricingInputSchema.safeParse(input);
  if (!parsed.success)
    return fail('BO_VALIDATION', `Invalid pricing input: ${oneLine(parsed.error)}`);
  if (Number.isNaN(now.getTime()))
    return fail('BO_VALIDATION', 'Invalid pricing input: now is not a date');
  const p = parsed.data;
  const lines: PricedLine[] = [
    ...p.tickets.map((t) => {
      const unit = ticketUnitPrice(
        t.basePriceMinor,
        t.formatMultiplierBp,
        t.ticketTypeMultiplierBp,
      );
      return emptyLine(t.ref, 'ticket', unit, 1);
    }),
    ...p.concessions.map((c) => emptyLine(c.ref, 'concession', c.unitPriceMinor, c.quantity)),
  ];
  const subtotal = sum(lines.map((l) => l.grossMinor));

  let discount: PricedOrder['discount'] = null;
  if (p.discount) {
    const d = p.discount;
    const problem = checkDiscount(d, p.currency, subtotal, now, p.display ?? null);
    if (problem) return { ok: false, error: problem };
    const classes = d.appliesTo ?? ['ticket', 'concession'];
    const eligible = lines.filter((l) => classes.includes(l.itemClass));
    const base = sum(eligible.map((l) => l.grossMinor));
    const amount =
      d.kind === 'percent' ? mulDivRound(base, d.value, BP_ONE) : Math.min(d.value, base);
    const shares = allocate(
      amount,
      eligible.map((l) => l.grossMinor),
    );
    eligible.forEach((l, i) => (l.discountMinor = shares[i] ?? 0));
    discount = { code: d.code, kind: d.kind, amountMinor: amount };
  }
  for (const l of lines) l.netMinor = l.grossMinor - l.discountMinor;

  const taxTotals = p.taxes.map((t) => ({ ...t, amountMinor: 0 }));
  for (const cls of itemClassSchema.options)
    applyTaxes(
      lines.filter((l) => l.itemClass === cls),
      taxTotals,
      cls,
    );
  for (const l of lines) {
    l.inclusiveTaxMinor = sum(l.taxes.filter((t) => t.inclusive).map((t) => t.amountMinor));
    l.addedTaxMinor = sum(l.taxes.filter((t) => !t.inclusive).map((t) => t.amountMinor));
    l.taxMinor = l.inclusiveTaxMinor + l.addedTaxMinor;
    l.totalMinor = l.netMinor + l.addedTaxMinor;
  }

  const discountMinor = discount?.amountMinor ?? 0;
  const inclusiveTaxMinor = sum(taxTotals.filter((t) => t.inclusive).map((t) => t.amountMinor));
  const addedTaxMinor = sum(taxTotals.filter((t) => !t.inclusive).map((t) => t.amountMinor));
  return {
    ok: true,
    value: {
      currency: p.currency,
      tickets: lines.filter((l) => l.itemClass === 'ticket'),
      concessions: lines.filter((l) => l.itemClass === 'concession'),
      subtotalMinor: subtotal,
      discount,
      discountMinor,
      taxes: taxTotals,
      inclusiveTaxMinor,
      addedTaxMinor,
      taxMinor: inclusiveTaxMinor + addedTaxMinor,
      totalMinor: subtotal - discountMinor + addedTaxMinor,
    },
  };
}

/**
 * Taxes of one item class. Inclusive components are extracted together with their combined rate
 * (extracting 9 % and 9 % separately from the gross would over-tax), then split between components
 * by rate. Added components are computed on the net of inclusive tax. Each component total is spread
 * over the lines by largest remainder; inclusive shares are spread over what each line still has
 * left, so no line ever carries more inclusive tax than its price.
 */
function applyTaxes(lines: PricedLine[], totals: TaxTotal[], cls: ItemClass): void {
  if (lines.length === 0) return;
  const nets = lines.map((l) => l.netMinor);
  const net = sum(nets);
  const inclusive = totals.filter((t) => t.itemClass === cls && t.inclusive);
  const added = totals.filter((t) => t.itemClass === cls && !t.inclusive);

  const rate = sum(inclusive.map((t) => t.rateBp));
  const inclusiveTax = rate === 0 ? 0 : net - mulDivRound(net, BP_ONE, BP_ONE + rate);
  const perComponent =
    inclusive.length === 0
      ? []
      : allocate(
          inclusiveTax,
          inclusive.map((t) => t.rateBp),
        );
  const residual = allocate(inclusiveTax, nets);
  const lineInclusive = [...residual];
  inclusive.forEach((t, c) => {
    const amount = perComponent[c] ?? 0;
    const shares = c === inclusive.length - 1 ? [...residual] : allocate(amount, residual);
    t.amountMinor = amount;
    lines.forEach((l, i) => {
      const share = shares[i] ?? 0;
      residual[i] = (residual[i] ?? 0) - share;
      l.taxes.push({ name: t.name, rateBp: t.rateBp, inclusive: true, amountMinor: share });
    });
  });

  const bases = lines.map((l, i) => l.netMinor - (lineInclusive[i] ?? 0));
  const base = sum(bases);
  for (const t of added) {
    t.amountMinor = mulDivRound(base, t.rateBp, BP_ONE);
    const shares = allocate(t.amountMinor, bases);
    lines.forEach((l, i) =>
      l.taxes.push({
        name: t.name,
        rateBp: t.rateBp,
        inclusive: false,
        amountMinor: shares[i] ?? 0,
      }),
    );
  }
}

type ParsedDiscount = NonNullable<ParsedPricingInput['discount']>;

function checkDiscount(
  d: ParsedDiscount,
  currency: string,
  subtotal: number,
  now: Date,
  display: TimeDisplay | null,
): { code: PricingErrorCode; message: string } | null {
  const t = now.getTime();
  if (d.validFrom && t < d.validFrom.getTime()) {
    return {
      code: 'BO_DISCOUNT_NOT_YET_VALID',
      message: `Code ${d.code} is valid from ${formatInstant(d.validFrom, display)}.`,
    };
  }
  // validTo is exclusive: a code valid "to midnight" stops at midnight.
  if (d.validTo && t >= d.validTo.getTime()) {
    return {
      code: 'BO_DISCOUNT_EXPIRED',
      message: `Code ${d.code} expired on ${formatInstant(d.validTo, display)}.`,
    };
  }
  if (d.maxUses != null && d.uses >= d.maxUses) {
    return {
      code: 'BO_DISCOUNT_EXHAUSTED',
      message: `Code ${d.code} has been used ${d.uses} of ${d.maxUses} times.`,
    };
  }
  // A percentage means the same in every currency; a fixed amount only in its own.
  if (
    d.kind === 'fixed' ? d.currency !== currency : d.currency != null && d.currency !== currency
  ) {
    const own = d.currency ?? 'no currency';
    return {
      code: 'BO_DISCOUNT_CURRENCY',
      message: `Code ${d.code} is in ${own}, this order is in ${currency}.`,
    };
  }
  if (d.minSpendMinor != null && subtotal < d.minSpendMinor) {
    return {
      code: 'BO_DISCOUNT_MIN_SPEND',
      message: `Code ${d.code} needs a spend of ${formatMoney(d.minSpendMinor, currency)}; this order is ${formatMoney(subtotal, currency)}.`,
    };
  }
  return null;
}

function emptyLine(
  ref: string | undefined,
  itemClass: ItemClass,
  unit: number,
  quantity: number,
): PricedLine {
  const gross = unit * quantity;
  return {
    ref: ref ?? null,
    itemClass,
    unitPriceMinor: unit,
    quantity,
    grossMinor: gross,
    discountMinor: 0,
    netMinor: gross,
    taxes: [],
    inclusiveTaxMinor: 0,
    addedTaxMinor: 0,
    taxMinor: 0,
    totalMinor: gross,
  };
}

function fail(code: PricingErrorCode, message: string): PricingResult {
  return { ok: false, error: { code, message } };
}

function oneLine(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
