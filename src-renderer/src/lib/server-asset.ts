// Files the sync server serves (film posters) as this page loads them: through the station shell's
// /server route, so the page stays same-origin (its CSP allows images from 'self' only).

/** The URL of a server path such as /api/v1/media/{id}; other URLs are returned as they are. */
export function serverAsset(path: string): string {
  return path.startsWith('/api/v1/') ? `/server${path}` : path;
}
