/**
 * The uniforms every incident draws, by name (docs/model.md §1) — plain number constants, which
 * V8 folds into the hot loops (an object's properties it would load each time): the k-th incident of a class in
 * a month reads slot s at position k · SLOTS + s of that class-month's stream, whatever
 * the count, so a raised rate only adds incidents at the end and never moves a draw.
 */
export const SLOT_LABOR = 0;
export const SLOT_OUTAGE = 1;
export const SLOT_DIRECT = 2;
export const SLOT_ONSITE = 3;
export const SLOT_AFTER_HOURS = 4;
export const SLOT_PREVENTION = 5;
export const SLOT_WAIT = 6;
export const SLOT_ESCALATION = 7;

/** Uniforms per incident. */
export const SLOTS = 8;

/* Salts that give each use of a class-month address its own stream. */
/** The one uniform the month's count is inverted from. */
export const SALT_COUNT = 0x636f756e;
/** The incidents' slots. */
export const SALT_INCIDENTS = 0x696e6369;
/** Extra uniforms for the ziggurat's rare rejections. */
export const SALT_REJECTIONS = 0x72656a65;
