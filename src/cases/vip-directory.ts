import { eq } from 'drizzle-orm';
import { vips } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

/**
 * The VIP list: the config file's handles plus those added from chat (stored). Kept in memory
 * because every ingested mention asks it; changes go through `add`/`remove`, which refresh it.
 */
export class VipDirectory {
  #fromConfig: Set<string>;
  #stored = new Set<string>();

  constructor(
    private readonly db: Db,
    configHandles: readonly string[],
  ) {
    this.#fromConfig = new Set(configHandles.map(normalizeHandle));
    this.reload();
  }

  reload(): void {
    this.#stored = new Set(
      this.db
        .select({ handle: vips.handle })
        .from(vips)
        .all()
        .map((r) => r.handle),
    );
  }

  has(handle: string | null | undefined): boolean {
    if (!handle) return false;
    const h = normalizeHandle(handle);
    return this.#fromConfig.has(h) || this.#stored.has(h);
  }

  list(): { handle: string; origin: 'config' | 'chat' }[] {
    const out: { handle: string; origin: 'config' | 'chat' }[] = [...this.#fromConfig].map((handle) => ({ handle, origin: 'config' }));
    for (const handle of this.#stored) if (!this.#fromConfig.has(handle)) out.push({ handle, origin: 'chat' });
    return out.sort((a, b) => a.handle.localeCompare(b.handle));
  }

  /** Returns false when the handle was already a VIP. */
  add(handle: string, addedBy: string, at: Date, note?: string): boolean {
    const h = normalizeHandle(handle);
    if (this.has(h)) return false;
    this.db
      .insert(vips)
      .values({ handle: h, addedBy, addedAt: at, note: note ?? null })
      .onConflictDoNothing()
      .run();
    this.#stored.add(h);
    return true;
  }

  /** Config-file VIPs cannot be removed from chat; returns which case applied. */
  remove(handle: string): 'removed' | 'not_vip' | 'in_config' {
    const h = normalizeHandle(handle);
    if (this.#fromConfig.has(h)) return 'in_config';
    if (!this.#stored.has(h)) return 'not_vip';
    this.db.delete(vips).where(eq(vips.handle, h)).run();
    this.#stored.delete(h);
    return 'removed';
  }
}
