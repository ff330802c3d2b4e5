/**
 * The Tyche-i generator (Neves & Araujo 2011, "Fast and small nonlinear
 * pseudorandom number generators for computer simulation"), written to give
 * exactly the outputs of seedrandom's `tychei` for the same string key: the
 * same seeding (each character XORed into b, then 20 more rounds), the same
 * 32-bit steps, the same 53-bit doubles in (0, 1).
 * `test/rng/tycheI.test.ts` checks it against seedrandom output for output.
 *
 * Why not seedrandom itself: its generator is a set of closures made per
 * seeding, so a call site that meets a new generator for every trajectory
 * cannot inline it (~40 ns a double on the flagship, a third of its model's
 * time); this class's methods are shared and inline, and `seed` re-keys an
 * instance without allocating.
 */
export class TycheI {
  /** The state a, b, c, d as 32-bit integers. */
  private readonly s = new Int32Array(4);

  constructor(key: string) {
    this.seed(key);
  }

  /** Restarts the generator from `key` (what `new TycheI(key)` gives). */
  seed(key: string): void {
    const s = this.s;
    s[0] = 0;
    s[1] = 0;
    s[2] = 2654435769 | 0;
    s[3] = 1367130551;
    const n = key.length;
    for (let k = 0; k < n + 20; k++) {
      if (k < n) s[1] ^= key.charCodeAt(k);
      this.int32();
    }
  }

  /** The next 32-bit output, as a signed integer (seedrandom's `int32()`). */
  int32(): number {
    const s = this.s;
    let a = s[0], b = s[1], c = s[2], d = s[3];
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c;
    c = (c - d) | 0;
    d = (d << 16) ^ (c >>> 16) ^ a;
    a = (a - b) | 0;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return a;
  }

  /** The next uniform in (0, 1) with 53 bits (seedrandom's `double()`: exact zeros are redrawn). */
  double(): number {
    // Written as a loop that returns (no variable live across iterations): V8 then keeps
    // the result unboxed when this is inlined into a model's month loop.
    for (;;) {
      const top = this.int32() >>> 11;
      const bot = (this.int32() >>> 0) / 0x100000000;
      const result = (top + bot) / (1 << 21);
      if (result !== 0) return result;
    }
  }
}
