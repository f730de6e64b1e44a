export * from './enums.js';
export * from './mentions.js';
export * from './cases.js';
export * from './case-events.js';
export * from './vips.js';
export * from './outbox.js';
export * from './card-refs.js';
export * from './state.js';
