// The door's camera (issue 18): the rear camera when there is one, its preview beside the scan
// field, and QR codes decoded from it several times a second. Each new code goes to `onCode`, the
// same path as the keyboard-wedge scanner; a ticket held in view is passed on once.
import { useEffect, useRef, useState } from 'react';
import type { createQrDecoder } from './qr-decoder.js';
import { createRepeatFilter } from './repeat-filter.js';

/** How often a frame is decoded. */
const DECODE_MS = 150;
/** How long a code must be out of view before it counts as a new scan. */
const REPEAT_QUIET_MS = 2500;

/** What the person at the door is told when the camera does not start. */
export function cameraProblem(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'The camera was refused: allow this station to use it, or scan with the scanner.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'No camera found on this station: scan with the scanner.';
  if (name === 'NotReadableError')
    return 'The camera is in use by another program, or not working: scan with the scanner.';
  return 'The camera could not start: scan with the scanner.';
}

/** The live preview; stops the camera when it leaves the screen. */
export function DoorCamera({
  onCode,
  onProblem,
}: {
  onCode: (code: string) => void;
  onProblem: (message: string) => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [live, setLive] = useState(false);
  // The latest callbacks, so the camera is not restarted when the screen re-renders.
  const handlers = useRef({ onCode, onProblem });
  handlers.current = { onCode, onProblem };

  useEffect(() => {
    const run = { stopped: false };
    const stopped = () => run.stopped;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = createRepeatFilter(REPEAT_QUIET_MS);

    const start = async () => {
      if (!('mediaDevices' in navigator)) {
        handlers.current.onProblem('This station has no camera access: scan with the scanner.');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        });
      } catch (e) {
        if (!run.stopped) handlers.current.onProblem(cameraProblem(e));
        return;
      }
      const v = video.current;
      if (run.stopped || v === null) return;
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      setLive(true);
      let decoder: ReturnType<typeof createQrDecoder>;
      try {
        // Loaded only when a door turns its camera on: the counter never downloads the decoder.
        decoder = (await import('./qr-decoder.js')).createQrDecoder();
      } catch {
        handlers.current.onProblem('The code reader could not start: scan with the scanner.');
        return;
      }
      const tick = async () => {
        if (run.stopped) return;
        if (v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          try {
            for (const code of await decoder.decode(v))
              if (!stopped() && seen.fresh(code)) handlers.current.onCode(code);
          } catch {
            // A frame that cannot be read (the camera switching, a resize) is skipped.
          }
        }
        if (!stopped()) timer = setTimeout(() => void tick(), DECODE_MS);
      };
      void tick();
    };
    void start();
    return () => {
      run.stopped = true;
      clearTimeout(timer);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, []);

  return (
    <figure className="door-camera">
      <video ref={video} muted playsInline aria-label="Camera preview" />
      <figcaption>
        {live ? 'Hold the ticket’s code up to the camera' : 'Starting the camera…'}
      </figcaption>
    </figure>
  );
}
