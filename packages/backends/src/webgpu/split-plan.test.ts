import { describe, expect, it } from 'vitest';
import { chooseGemmTile, defaultSplitSettings, planSplits } from './split-plan.js';

const swiftShader = { maxComputeWorkgroupStorageSize: 32_768, maxComputeInvocationsPerWorkgroup: 256, maxComputeWorkgroupsPerDimension: 65_535 };
const smallest = { maxComputeWorkgroupStorageSize: 16_384, maxComputeInvocationsPerWorkgroup: 128, maxComputeWorkgroupsPerDimension: 65_535 };

describe('planSplits', () => {
  it('splits the CIFAR CNN’s first layer at batch 256 (K = 262,144, one tile) into 512 parts of 512', () => {
    expect(planSplits(262_144, 1, 32, defaultSplitSettings, 65_535)).toEqual({ splits: 512, splitLength: 512 });
  });

  it('aims at the target workgroups when there are several tiles: conv64 at batch 256, 9 tiles', () => {
    // ceil(1024 / 9) = 114 splits wanted → 65,536 / 114 = 574.9 → 576 (whole 32s) → 114 splits.
    expect(planSplits(65_536, 9, 32, defaultSplitSettings, 65_535)).toEqual({ splits: 114, splitLength: 576 });
  });

  it('keeps a reduction shorter than the minimum split whole', () => {
    expect(planSplits(300, 1, 32, defaultSplitSettings, 65_535)).toEqual({ splits: 1, splitLength: 320 });
  });

  it('never exceeds the dispatch limit, and handles an empty reduction', () => {
    expect(planSplits(1_000_000, 1, 1, { targetWorkgroups: 10_000, minimumSplitLength: 1 }, 100)).toEqual({ splits: 100, splitLength: 10_000 });
    expect(planSplits(0, 4, 32, defaultSplitSettings, 65_535)).toEqual({ splits: 1, splitLength: 32 });
  });
});

describe('chooseGemmTile', () => {
  it('uses 64 along dimensions of 64 or more, else 32', () => {
    expect([chooseGemmTile(27, 32, swiftShader), chooseGemmTile(288, 32, swiftShader), chooseGemmTile(576, 64, swiftShader)]).toEqual([
      { rows: 32, columns: 32, depth: 32 },
      { rows: 64, columns: 32, depth: 32 },
      { rows: 64, columns: 64, depth: 32 },
    ]);
  });

  it('shrinks the tile and its depth to the device’s invocation and workgroup-memory limits', () => {
    expect(chooseGemmTile(576, 64, smallest)).toEqual({ rows: 32, columns: 64, depth: 32 });
    expect(chooseGemmTile(576, 64, { ...smallest, maxComputeWorkgroupStorageSize: 8_192 })).toEqual({ rows: 32, columns: 64, depth: 16 });
  });
});
