// Imported first by main.tsx, before any schema is built. zod compiles fast parsers with
// `new Function` when the page allows it; the renderer's Content-Security-Policy does not (no
// 'unsafe-eval', as the Electron security checklist asks), and zod's probe logs a CSP error on
// every start. jitless skips the probe and the compiled parsers; validation is the same.
import { z } from 'zod';

z.config({ jitless: true });
