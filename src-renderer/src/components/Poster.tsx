// A film's poster, small; when there is none, or it cannot load (offline), a neutral frame holds its
// place so the list does not jump.
import { useState } from 'react';
import { serverAsset } from '../lib/server-asset.js';

/** The poster of `title` from the server, or an empty frame of the same size. */
export function Poster({
  url,
  title,
  size = 'small',
}: {
  url: string | null;
  title: string;
  size?: 'small' | 'medium';
}) {
  const [failed, setFailed] = useState<string | null>(null);
  const src = url === null ? null : serverAsset(url);
  if (src === null || failed === src)
    return <span className={`poster poster-${size} poster-none`} aria-hidden="true" />;
  return (
    <img
      className={`poster poster-${size}`}
      src={src}
      alt={`Poster of ${title}`}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(src)}
    />
  );
}
