/**
 * Seeded pseudo-random numbers for the 'random' and 'nndsvdar' inits and the randomized SVD:
 * the Mersenne Twister (MT19937) seeded like NumPy's legacy `RandomState(seed)`, with its
 * polar-method normals. scikit-learn draws its 'random' init from exactly that generator, so
 * for a given randomState our initial W and H are the ones scikit-learn (and so ecco) starts
 * from — factorizations then agree to float32 rounding, not just in distribution.
 */
const N = 624;
const M = 397;

export class SeededRandom {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private spareNormal: number | undefined;

  /** seed: an integer in [0, 2^32 − 1]. */
  constructor(seed: number) {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = Math.imul(1812433253, prev) + i;
    }
  }

  /** Uniform 32-bit unsigned integer (MT19937's output). */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits (NumPy's random_sample). */
  nextFloat(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Standard normal, as NumPy's legacy gauss: polar method, second value of a pair kept. */
  nextNormal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.nextFloat() - 1;
      x2 = 2 * this.nextFloat() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.spareNormal = f * x1;
    return f * x2;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }
}
