/**
 * A port of PyTorch's CPU random generator (`torch.Generator()` on the CPU): the 32-bit
 * Mersenne Twister MT19937 seeded by `manual_seed`, and the transformations `torch.randn(1)`
 * and `torch.rand(1)` apply to it (float32 results). It lets lrkit reproduce timm's
 * learning-rate noise, which reseeds a generator with `noise_seed + t` at every step, with the
 * same numbers as PyTorch — and keeps the noise a pure function of the step.
 *
 * Source: pytorch/pytorch `aten/src/ATen/core/MT19937RNGEngine.h`, `CPUGeneratorImpl.cpp`
 * (`random64` = two 32-bit draws, high word first), `core/DistributionsHelper.h`
 * (`normal_distribution<double>`: Box-Muller on two 53-bit uniforms, caching the sine sample
 * for the next call) and `core/TransformationHelper.h` (`uniform_real`).
 */

const stateSize = 624;
const middle = 397;

/** MT19937 with PyTorch's seeding (`init_genrand` of the seed's low 32 bits). */
class MersenneTwister {
  private readonly state = new Uint32Array(stateSize);
  private index = stateSize;

  constructor(seed: number) {
    // The low 32 bits of a non-negative integer seed (exact for seeds below 2^53).
    this.state[0] = seed % 2 ** 32;
    for (let position = 1; position < stateSize; position += 1) {
      const previous = this.state[position - 1]! ^ (this.state[position - 1]! >>> 30);
      this.state[position] = (Math.imul(1812433253, previous) + position) >>> 0;
    }
  }

  /** The next 32-bit output. */
  next(): number {
    if (this.index >= stateSize) this.twist();
    let value = this.state[this.index]!;
    this.index += 1;
    value ^= value >>> 11;
    value ^= (value << 7) & 0x9d2c5680;
    value ^= (value << 15) & 0xefc60000;
    value ^= value >>> 18;
    return value >>> 0;
  }

  private twist(): void {
    const state = this.state;
    for (let position = 0; position < stateSize; position += 1) {
      const mixed = (state[position]! & 0x80000000) | (state[(position + 1) % stateSize]! & 0x7fffffff);
      let value = state[(position + middle) % stateSize]! ^ (mixed >>> 1);
      if ((mixed & 1) !== 0) value ^= 0x9908b0df;
      state[position] = value >>> 0;
    }
    this.index = 0;
  }
}

/**
 * A PyTorch-compatible CPU generator after `manual_seed(seed)`: `randn()` and `rand()` return
 * what successive `torch.randn(1, generator=g).item()` and `torch.rand(1, generator=g).item()`
 * return (float32 values widened to float64).
 *
 * @example
 * ```ts
 * const generator = new TorchGenerator(0);
 * generator.randn(); // 1.5409960746765137, as torch.manual_seed(0); torch.randn(1)
 * ```
 */
export class TorchGenerator {
  private readonly engine: MersenneTwister;
  private cachedNormal: number | undefined;

  /** @param seed - an integer in [0, 2^53); PyTorch keeps its low 32 bits for MT19937. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`TorchGenerator: \`seed\` must be a non-negative safe integer; received ${String(seed)}`);
    }
    this.engine = new MersenneTwister(seed);
  }

  /** `uniform_real_distribution<double>(0, 1)`: the low 53 bits of `random64()` over 2^53. */
  private uniformDouble(): number {
    const high = this.engine.next();
    const low = this.engine.next();
    // (high << 32 | low) & (2^53 - 1) = (high & 0x1fffff) * 2^32 + low, exact in a double.
    return ((high & 0x1fffff) * 2 ** 32 + low) / 2 ** 53;
  }

  /** One standard normal sample as `torch.randn(1)` (float32) draws it. */
  randn(): number {
    return Math.fround(this.normalDouble());
  }

  /** `normal_distribution<double>`: Box-Muller, the sine half kept for the next draw. */
  private normalDouble(): number {
    if (this.cachedNormal !== undefined) {
      const cached = this.cachedNormal;
      this.cachedNormal = undefined;
      return cached;
    }
    const u1 = this.uniformDouble();
    const u2 = this.uniformDouble();
    const radius = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = 2 * Math.PI * u1;
    this.cachedNormal = radius * Math.sin(theta);
    return radius * Math.cos(theta);
  }

  /** One uniform sample in [0, 1) as `torch.rand(1)` (float32) draws it: 24 bits of one 32-bit draw. */
  rand(): number {
    return (this.engine.next() & 0xffffff) / 2 ** 24;
  }
}
