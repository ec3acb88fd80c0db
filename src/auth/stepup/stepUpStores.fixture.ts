import { ConflictError, NotFoundError } from '../../core/errors.js';
import type {
  AuthChallenge,
  AuthChallengeRepository,
  MfaFactor,
  MfaFactorRepository,
  StepUpRepository,
  StepUpRequirement,
  TrustedDevice,
  TrustedDeviceRepository,
} from '../../store/types.js';

/**
 * In-memory repositories with the semantics the store's interfaces document, so the step-up code
 * can be tested before (and independently of) the SQLite and PostgreSQL implementations.
 * Values are copied in and out, as a database would, so a test cannot pass by sharing objects.
 */
export class MemoryMfaFactors implements MfaFactorRepository {
  readonly rows = new Map<string, MfaFactor>();

  async add(factor: MfaFactor): Promise<void> {
    if (this.rows.has(factor.id)) throw new ConflictError(`factor ${factor.id} exists`);
    this.rows.set(factor.id, { ...factor });
  }
  async get(id: string): Promise<MfaFactor | undefined> {
    const row = this.rows.get(id);
    return row === undefined ? undefined : { ...row };
  }
  async list(userId: string): Promise<MfaFactor[]> {
    return [...this.rows.values()]
      .filter((f) => f.userId === userId)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((f) => ({ ...f }));
  }
  async update(
    id: string,
    change: { data?: string; confirmed?: boolean; lastUsedAt?: number },
  ): Promise<MfaFactor> {
    const row = this.rows.get(id);
    if (row === undefined) throw new NotFoundError('factor', id);
    const next = { ...row, ...change };
    this.rows.set(id, next);
    return { ...next };
  }
  async remove(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
}

export class MemoryTrustedDevices implements TrustedDeviceRepository {
  readonly rows: TrustedDevice[] = [];

  async trust(device: TrustedDevice): Promise<void> {
    const i = this.rows.findIndex((d) => d.userId === device.userId && d.deviceId === device.deviceId);
    if (i >= 0) this.rows[i] = { ...device };
    else this.rows.push({ ...device });
  }
  async isTrusted(userId: string, deviceId: string, now: number): Promise<boolean> {
    return this.rows.some((d) => d.userId === userId && d.deviceId === deviceId && d.expiresAt > now);
  }
  async list(userId: string): Promise<TrustedDevice[]> {
    return this.rows.filter((d) => d.userId === userId).map((d) => ({ ...d }));
  }
  async revoke(userId: string, deviceId?: string): Promise<number> {
    let removed = 0;
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const d = this.rows[i];
      if (d !== undefined && d.userId === userId && (deviceId === undefined || d.deviceId === deviceId)) {
        this.rows.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }
}

export class MemoryAuthChallenges implements AuthChallengeRepository {
  readonly rows = new Map<string, AuthChallenge>();

  async put(challenge: AuthChallenge): Promise<void> {
    this.rows.set(challenge.id, { ...challenge });
  }
  async take(id: string, now: number): Promise<AuthChallenge | undefined> {
    const row = this.rows.get(id);
    if (row === undefined) return undefined;
    this.rows.delete(id);
    return row.expiresAt > now ? { ...row } : undefined;
  }
  async purgeExpired(now: number): Promise<number> {
    let removed = 0;
    for (const [id, row] of this.rows) {
      if (row.expiresAt <= now) {
        this.rows.delete(id);
        removed++;
      }
    }
    return removed;
  }
}

export class MemoryStepUps implements StepUpRepository {
  readonly rows: StepUpRequirement[] = [];

  async require(requirement: StepUpRequirement): Promise<void> {
    if (this.rows.some((r) => r.id === requirement.id))
      throw new ConflictError(`step-up ${requirement.id} exists`);
    this.rows.push({ ...requirement });
  }
  async pending(userId: string): Promise<StepUpRequirement[]> {
    return this.rows.filter((r) => r.userId === userId && r.satisfiedAt === undefined).map((r) => ({ ...r }));
  }
  async satisfy(userId: string, at: number): Promise<number> {
    let count = 0;
    for (const r of this.rows) {
      if (r.userId === userId && r.satisfiedAt === undefined) {
        r.satisfiedAt = at;
        count++;
      }
    }
    return count;
  }
}
