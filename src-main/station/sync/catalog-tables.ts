// Which replica tables are the catalog a manager edits, as opposed to sales and seat states.

/** Replica tables a manager edits in the admin view; a change to one is worth a redraw. */
export const CATALOG_TABLES = new Set([
  'cinemas',
  'screens',
  'movies',
  'seat_categories',
  'seat_layouts',
  'layout_rows',
  'seats',
  'shows',
  'show_prices',
  'formats',
  'ticket_types',
  'staff',
]);
