import type { ChatAdapterModule, SourceAdapterModule } from '../src/adapter-modules.js';
import type { ChatPlatformId, NativeSourceId } from '../src/domain/adapter-ids.js';
import { REGISTRY } from './registry.js';

/**
 * The registry's modules, loaded (with their SDKs) when this file is: by the composition root and
 * what starts or replays, never by a command that only reads the configuration.
 */
export type ChatRegistry = { readonly [K in ChatPlatformId]: ChatAdapterModule & { readonly id: K } };
export type SourceRegistry = { readonly [K in NativeSourceId]: SourceAdapterModule & { readonly id: K } };

type Loaded<T extends Record<string, { module: () => Promise<unknown> }>> = {
  readonly [K in keyof T]: Awaited<ReturnType<T[K]['module']>>;
};

async function load<T extends Record<string, { module: () => Promise<unknown> }>>(table: T): Promise<Loaded<T>> {
  const entries = await Promise.all(Object.entries(table).map(async ([id, registration]) => [id, await registration.module()] as const));
  return Object.fromEntries(entries) as Loaded<T>;
}

export const CHAT_ADAPTERS = (await load(REGISTRY.chat)) satisfies ChatRegistry;
export const SOURCE_ADAPTERS = (await load(REGISTRY.sources)) satisfies SourceRegistry;

/** What each chat platform's factory builds (Klaxon exposes it to tests and the CLI). */
export type ChatAdapterOf<K extends ChatPlatformId> = ReturnType<(typeof CHAT_ADAPTERS)[K]['create']>;
/** The adapter's own object behind each source's port. */
export type SourceDetailOf<K extends NativeSourceId> = ReturnType<(typeof SOURCE_ADAPTERS)[K]['create']>['detail'];

/** A chat platform's module, seen through the declared shape (for loops over the ids). */
export function chatModule(id: ChatPlatformId): ChatAdapterModule {
  return CHAT_ADAPTERS[id];
}

/** A source's module, seen through the declared shape (for loops over the ids). */
export function sourceModule(id: NativeSourceId): SourceAdapterModule {
  return SOURCE_ADAPTERS[id];
}
