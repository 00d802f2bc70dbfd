// IPC channel names shared by the main-process bridge and the sandboxed preload (no imports: the preload
// bundle must stay tiny).
export const IPC = {
  call: 'burrow:call',
  sub: 'burrow:sub',
  unsub: 'burrow:unsub',
  data: 'burrow:data',
  end: 'burrow:end',
  term: 'burrow:term',
  termEvent: 'burrow:term-event',
} as const;
