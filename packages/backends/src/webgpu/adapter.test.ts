import { describe, expect, it } from 'vitest';
import { describeAdapter, formatAdapter, isSoftwareAdapter } from './adapter.js';

describe('isSoftwareAdapter', () => {
  it('recognises SwiftShader, llvmpipe, lavapipe and WARP by name', () => {
    expect(
      [
        { vendor: 'google', architecture: 'swiftshader' },
        { description: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
        { device: 'lavapipe' },
        { description: 'Microsoft Basic Render Driver' },
      ].map(isSoftwareAdapter),
    ).toEqual([true, true, true, true]);
  });

  it('trusts the fallback flag', () => {
    expect(isSoftwareAdapter({ vendor: 'someone', isFallbackAdapter: true })).toBe(true);
  });

  it('takes an NVIDIA or Apple GPU for hardware', () => {
    expect([isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper' }), isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3' })]).toEqual([
      false,
      false,
    ]);
  });
});

describe('describeAdapter and formatAdapter', () => {
  it('describes a Dawn SwiftShader adapter as software', () => {
    const adapter = {
      info: {
        vendor: 'google',
        architecture: 'swiftshader',
        device: 'swiftshader-device-subzero-',
        description: 'SwiftShader driver 5.0.0',
        isFallbackAdapter: true,
      },
    };
    const description = describeAdapter(adapter);
    expect(description).toEqual({
      vendor: 'google',
      architecture: 'swiftshader',
      device: 'swiftshader-device-subzero-',
      description: 'SwiftShader driver 5.0.0',
      software: true,
    });
    expect(formatAdapter(description)).toBe('google swiftshader (SwiftShader driver 5.0.0), software adapter');
  });

  it('reads the older adapter-level fallback flag and fills missing fields', () => {
    expect(describeAdapter({ isFallbackAdapter: true })).toEqual({ vendor: '', architecture: '', device: '', description: '', software: true });
    expect(formatAdapter(describeAdapter({}))).toBe('unnamed adapter');
  });

  it('formats a hardware adapter without the software note', () => {
    expect(formatAdapter({ vendor: 'nvidia', architecture: 'hopper', device: '0x2335', description: '', software: false })).toBe('nvidia hopper (0x2335)');
  });
});
