// The public surface of Burrow's engine layer. Nothing here imports Electron.
export * from './engine-api.js';
export * from './errors.js';
export * from './model/types.js';
export { connectEngine, type ConnectOptions } from './engine.js';
export { parseUserns, formatUserns, describeUserns } from './model/userns.js';
export { validateCreateSpec, createSpecSchema, type ValidationProbe } from './model/validate-create.js';
export { limitsWarning, toSpecGenerator, REQUESTED_LIMITS_LABEL } from './model/spec-generator.js';
export { runDoctor, formatDoctorReport } from './insight/doctor.js';
export type * from './model/insight.js';
export { localHostProbe } from './insight/host-probe.js';
