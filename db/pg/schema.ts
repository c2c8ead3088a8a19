// Central PostgreSQL schema (DESIGN §3–§7), split by area. Column names are snake_case via drizzle's `casing`.
export * from './schema-catalog.js';
export * from './schema-seats.js';
export * from './schema-sales.js';
export * from './schema-sync.js';
export * from './schema-identity.js';
export * from './schema-bookings.js';
export * from './schema-notifications.js';
export * from './schema-reports.js';
export * from './schema-door.js';
export * from './schema-pickup.js';
