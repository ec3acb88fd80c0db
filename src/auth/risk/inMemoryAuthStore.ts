import { ConflictError, NotFoundError } from '../../core/errors.js';
import type {
  AuthProfileRecord,
  AuthProfileRepository,
  MfaFactor,
  MfaFactorRepository,
  StepUpRepository,
  StepUpRequirement,
  TrustedDevice,
  TrustedDeviceRepository,
} from '../../store/types.js';

/**
 * In-memory stand-ins for the store's auth repositories, with the same contracts (optimistic
 * revisions, expiry), for the risk engine's tests and its bench. Not for production: nothing survives
 * the process.
 */
/** Bytes per arena chunk: a profile never spans two. */
const CHUNK = 64 * 1024 * 1024;

/**
 * Profiles are kept as UTF-8 bytes in a few large off-heap chunks, each get() decoding a fresh string,
 * as a database driver would. Per profile the JS heap holds one Map entry and a few typed-array
 * slots, so a bench with 100,000 profiles measures the engine rather than the garbage collector
 * walking the fake. A rewrite reuses its room when the new bytes fit (each record gets 25% slack);
 * otherwise it moves to the end of the arena and the old room is left unused (a fake need not compact).
 */
export class InMemoryAuthProfiles implements AuthProfileRepository {
  private readonly index = new Map<string, number>();
  private chunks: Buffer[] = [];
  private chunkEnd = CHUNK;
  private where = new Float64Array(1024);
  private length = new Int32Array(1024);
  private room = new Int32Array(1024);
  private revision = new Int32Array(1024);
  private updatedAt = new Float64Array(1024);
  gets = 0;
  puts = 0;

  /** The stored revision of a user's profile (tests and benches). */
  revisionOf(userId: string): number | undefined {
    const i = this.index.get(userId);
    return i === undefined ? undefined : this.revision[i];
  }

  /** Bytes of profile data stored (not counting slack). */
  get bytes(): number {
    let total = 0;
    for (const i of this.index.values()) total += this.length[i] as number;
    return total;
  }

  async get(userId: string): Promise<AuthProfileRecord | undefined> {
    this.gets++;
    const i = this.index.get(userId);
    if (i === undefined) return undefined;
    const at = this.where[i] as number;
    const chunk = this.chunks[Math.floor(at / CHUNK)] as Buffer;
    const offset = at % CHUNK;
    return {
      userId,
      data: chunk.toString('utf8', offset, offset + (this.length[i] as number)),
      revision: this.revision[i] as number,
      updatedAt: this.updatedAt[i] as number,
    };
  }

  async put(userId: string, data: string, at: number, expectedRevision?: number): Promise<AuthProfileRecord> {
    let i = this.index.get(userId);
    const current = i === undefined ? 0 : (this.revision[i] as number);
    if (expectedRevision !== undefined && current !== expectedRevision) {
      throw new ConflictError(`auth profile ${userId} is at revision ${current}, not ${expectedRevision}`);
    }
    this.puts++;
    if (i === undefined) {
      i = this.index.size;
      this.grow(i + 1);
      this.index.set(userId, i);
    }
    const bytes = Buffer.byteLength(data, 'utf8');
    if (bytes > CHUNK) throw new RangeError(`profile of ${bytes} bytes is larger than the fake's chunks`);
    if (current === 0 || bytes > (this.room[i] as number)) {
      const room = Math.min(CHUNK, Math.ceil(bytes * 1.25));
      if (this.chunkEnd + room > CHUNK) {
        this.chunks.push(Buffer.allocUnsafeSlow(CHUNK));
        this.chunkEnd = 0;
      }
      this.where[i] = (this.chunks.length - 1) * CHUNK + this.chunkEnd;
      this.room[i] = room;
      this.chunkEnd += room;
    }
    const where = this.where[i] as number;
    (this.chunks[Math.floor(where / CHUNK)] as Buffer).write(data, where % CHUNK, 'utf8');
    this.length[i] = bytes;
    this.revision[i] = current + 1;
    this.updatedAt[i] = at;
    return { userId, data, revision: current + 1, updatedAt: at };
  }

  async count(): Promise<number> {
    return this.index.size;
  }

  private grow(n: number): void {
    if (n <= this.where.length) return;
    const size = Math.max(n, this.where.length * 2);
    const copy = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.where = copy(this.where, new Float64Array(size));
    this.length = copy(this.length, new Int32Array(size));
    this.room = copy(this.room, new Int32Array(size));
    this.revision = copy(this.revision, new Int32Array(size));
    this.updatedAt = copy(this.updatedAt, new Float64Array(size));
  }
}

export class InMemoryTrustedDevices implements TrustedDeviceRepository {
  private readonly devices = new Map<string, TrustedDevice>();

  async trust(device: TrustedDevice): Promise<void> {
    this.devices.set(`${device.userId}\0${device.deviceId}`, { ...device });
  }

  async isTrusted(userId: string, deviceId: string, now: number): Promise<boolean> {
    const d = this.devices.get(`${userId}\0${deviceId}`);
    return d !== undefined && d.expiresAt > now;
  }

  async list(userId: string): Promise<TrustedDevice[]> {
    return [...this.devices.values()].filter((d) => d.userId === userId);
  }

  async revoke(userId: string, deviceId?: string): Promise<number> {
    let n = 0;
    for (const [key, d] of this.devices) {
      if (d.userId === userId && (deviceId === undefined || d.deviceId === deviceId)) {
        this.devices.delete(key);
        n++;
      }
    }
    return n;
  }
}

export class InMemoryMfaFactors implements MfaFactorRepository {
  private readonly factors = new Map<string, MfaFactor>();

  async add(factor: MfaFactor): Promise<void> {
    this.factors.set(factor.id, { ...factor });
  }

  async get(id: string): Promise<MfaFactor | undefined> {
    return this.factors.get(id);
  }

  async list(userId: string): Promise<MfaFactor[]> {
    return [...this.factors.values()]
      .filter((f) => f.userId === userId)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async update(
    id: string,
    change: { data?: string; confirmed?: boolean; lastUsedAt?: number },
  ): Promise<MfaFactor> {
    const f = this.factors.get(id);
    if (f === undefined) throw new NotFoundError('MFA factor', id);
    const updated = { ...f, ...change };
    this.factors.set(id, updated);
    return updated;
  }

  async remove(id: string): Promise<boolean> {
    return this.factors.delete(id);
  }
}

export class InMemoryStepUps implements StepUpRepository {
  private readonly requirements: StepUpRequirement[] = [];

  async require(requirement: StepUpRequirement): Promise<void> {
    this.requirements.push({ ...requirement });
  }

  async pending(userId: string): Promise<StepUpRequirement[]> {
    return this.requirements.filter((r) => r.userId === userId && r.satisfiedAt === undefined);
  }

  async satisfy(userId: string, at: number): Promise<number> {
    let n = 0;
    for (const r of this.requirements) {
      if (r.userId === userId && r.satisfiedAt === undefined) {
        r.satisfiedAt = at;
        n++;
      }
    }
    return n;
  }
}
