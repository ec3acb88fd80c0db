import { ArgusError } from '../../core/errors.js';
import { KeyedSerializer } from '../../core/keyedSerializer.js';
import type { AuthProfileRepository } from '../../store/types.js';
import { type AuthProfile, emptyProfile, parseProfile, serializeProfile } from './authProfile.js';
import { CappedMap } from './cappedMap.js';

/** A user's profile as the cache holds it: parsed, with the revision it was read at. */
export interface CachedProfile {
  /** Undefined when no profile is stored (an unknown user) or the stored one is unreadable. */
  profile: AuthProfile | undefined;
  /** The stored revision (0 when none is stored): the next write expects it. */
  revision: number;
  /** Why a stored profile could not be read, when it could not. */
  unreadable?: string;
}

export interface ProfileCacheStats {
  size: number;
  hits: number;
  misses: number;
  evictions: number;
  conflicts: number;
}

/**
 * Parsed profiles in front of AuthProfileRepository, least recently used evicted beyond `capacity`,
 * so a hot user costs no JSON parse or template refit per login. Absent users are cached too (a spray
 * of unknown names costs one read each until evicted). Writes are optimistic: they expect the
 * revision last read, and on a conflict (another process or request wrote first) the profile is read
 * again and the change applied once more; a second conflict is given up and thrown. Another process's
 * writes are seen when the entry is evicted or this process writes and conflicts, so with several
 * servers a profile can be stale for a while: new-device signals may fire once more, never less.
 */
export class ProfileCache {
  private readonly entries: CappedMap<string, CachedProfile>;
  private hits = 0;
  private misses = 0;
  private conflicts = 0;
  /** One write per user at a time in this process; other processes are met by the revision check. */
  private readonly serial = new KeyedSerializer();

  constructor(
    private readonly repository: AuthProfileRepository,
    capacity: number,
  ) {
    this.entries = new CappedMap(capacity);
  }

  async get(userId: string): Promise<CachedProfile> {
    const cached = this.entries.get(userId);
    if (cached !== undefined) {
      this.hits++;
      return cached;
    }
    this.misses++;
    return this.load(userId);
  }

  /**
   * Applies `change` to the user's profile (an empty one for a new user, or in place of an unreadable
   * one) and writes it. `change` may run twice (after a conflict), each time on a fresh read.
   */
  update(userId: string, at: number, change: (profile: AuthProfile) => void): Promise<AuthProfile> {
    return this.serial.run(userId, () => this.write(userId, at, change));
  }

  private async write(
    userId: string,
    at: number,
    change: (profile: AuthProfile) => void,
  ): Promise<AuthProfile> {
    let entry = await this.get(userId);
    for (let attempt = 0; ; attempt++) {
      const profile = entry.profile ?? emptyProfile();
      change(profile);
      try {
        const record = await this.repository.put(userId, serializeProfile(profile), at, entry.revision);
        const next = { profile, revision: record.revision };
        this.entries.set(userId, next);
        return profile;
      } catch (error) {
        // The cached object may hold a change that was never stored: never serve it again.
        this.entries.delete(userId);
        if (!(error instanceof ArgusError && error.code === 'CONFLICT') || attempt >= 1) throw error;
        this.conflicts++;
        entry = await this.load(userId);
      }
    }
  }

  /** Drops a cached profile (after an out-of-band change such as a reset). */
  forget(userId: string): void {
    this.entries.delete(userId);
  }

  stats(): ProfileCacheStats {
    return {
      size: this.entries.size,
      hits: this.hits,
      misses: this.misses,
      evictions: this.entries.evicted,
      conflicts: this.conflicts,
    };
  }

  private async load(userId: string): Promise<CachedProfile> {
    const record = await this.repository.get(userId);
    let entry: CachedProfile;
    if (record === undefined) {
      entry = { profile: undefined, revision: 0 };
    } else {
      try {
        entry = { profile: parseProfile(record.data), revision: record.revision };
      } catch (error) {
        entry = { profile: undefined, revision: record.revision, unreadable: (error as Error).message };
      }
    }
    this.entries.set(userId, entry);
    return entry;
  }
}
