import { F32_STRIDE, F64_STRIDE, U8_STRIDE, U16_STRIDE, U32_STRIDE } from './accountLayout.js';

/**
 * The typed arrays that hold every account's state, one per element type with a fixed stride per
 * account (see accountLayout.ts), plus one CLOCK reference bit per account for eviction. New slots are
 * all zeros; growing copies the used part into arrays twice as large.
 */
export class AccountColumns {
  f64: Float64Array;
  f32: Float32Array;
  u32: Uint32Array;
  u16: Uint16Array;
  u8: Uint8Array;
  /** 1 when the account was touched since the eviction hand last passed it. */
  ref: Uint8Array;
  capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.f64 = new Float64Array(capacity * F64_STRIDE);
    this.f32 = new Float32Array(capacity * F32_STRIDE);
    this.u32 = new Uint32Array(capacity * U32_STRIDE);
    this.u16 = new Uint16Array(capacity * U16_STRIDE);
    this.u8 = new Uint8Array(capacity * U8_STRIDE);
    this.ref = new Uint8Array(capacity);
  }

  /** Reallocates for `capacity` slots, keeping the first `used`. */
  grow(capacity: number, used: number): void {
    const f64 = new Float64Array(capacity * F64_STRIDE);
    f64.set(this.f64.subarray(0, used * F64_STRIDE));
    const f32 = new Float32Array(capacity * F32_STRIDE);
    f32.set(this.f32.subarray(0, used * F32_STRIDE));
    const u32 = new Uint32Array(capacity * U32_STRIDE);
    u32.set(this.u32.subarray(0, used * U32_STRIDE));
    const u16 = new Uint16Array(capacity * U16_STRIDE);
    u16.set(this.u16.subarray(0, used * U16_STRIDE));
    const u8 = new Uint8Array(capacity * U8_STRIDE);
    u8.set(this.u8.subarray(0, used * U8_STRIDE));
    const ref = new Uint8Array(capacity);
    ref.set(this.ref.subarray(0, used));
    this.f64 = f64;
    this.f32 = f32;
    this.u32 = u32;
    this.u16 = u16;
    this.u8 = u8;
    this.ref = ref;
    this.capacity = capacity;
  }

  /** Zeroes one slot, for reuse by another account. */
  clear(slot: number): void {
    this.f64.fill(0, slot * F64_STRIDE, (slot + 1) * F64_STRIDE);
    this.f32.fill(0, slot * F32_STRIDE, (slot + 1) * F32_STRIDE);
    this.u32.fill(0, slot * U32_STRIDE, (slot + 1) * U32_STRIDE);
    this.u16.fill(0, slot * U16_STRIDE, (slot + 1) * U16_STRIDE);
    this.u8.fill(0, slot * U8_STRIDE, (slot + 1) * U8_STRIDE);
    this.ref[slot] = 0;
  }

  /** Views of the first `used` slots of every array, in snapshot order. */
  used(used: number): ArrayBufferView[] {
    return [
      this.f64.subarray(0, used * F64_STRIDE),
      this.f32.subarray(0, used * F32_STRIDE),
      this.u32.subarray(0, used * U32_STRIDE),
      this.u16.subarray(0, used * U16_STRIDE),
      this.u8.subarray(0, used * U8_STRIDE),
      this.ref.subarray(0, used),
    ];
  }
}
