// The IPC channel shared by the main-process bridge and the sandboxed preload (no imports: the preload bundle
// must stay tiny). Both directions carry the contract's wire messages (contract/wire.ts).
export const IPC = {
  message: 'burrow:message',
} as const;
