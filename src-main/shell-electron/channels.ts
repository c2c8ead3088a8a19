// The only IPC channel names the Electron shell uses; the contract's own channels ride inside them.
export const IPC_INVOKE = 'marquee:invoke';
export const IPC_EVENT = 'marquee:event';
