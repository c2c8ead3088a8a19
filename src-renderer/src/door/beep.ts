// The door's sounds: one high tone for "come in", two low ones for "not admitted", so the person at
// the door hears the answer without looking. Web Audio, no files; silent where audio is unavailable.
let ctx: AudioContext | null = null;

/** Plays the answer's sound. */
export function beep(ok: boolean): void {
  try {
    ctx ??= new AudioContext();
    const tones = ok
      ? [{ f: 1320, at: 0, len: 0.15 }]
      : [
          { f: 330, at: 0, len: 0.18 },
          { f: 330, at: 0.25, len: 0.18 },
        ];
    for (const t of tones) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = t.f;
      osc.type = ok ? 'sine' : 'square';
      gain.gain.value = 0.15;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + t.at);
      osc.stop(ctx.currentTime + t.at + t.len);
    }
  } catch {
    // No audio device: the screen still says it.
  }
}
