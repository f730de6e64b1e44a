export { createMetaConnection, type MetaConnection, type MetaConnectionDeps } from './connection.js';
export { createFacebookAdapter, facebookSettings } from './facebook.js';
export { createInstagramAdapter, instagramSettings } from './instagram.js';
export type { MetaAdapterDeps, MetaSourceAdapter } from './adapter.js';
export { metaSettings, type MetaSettings } from './settings.js';
export { META_WEBHOOK_PATH } from './webhook-route.js';
