/**
 * Whether a WebGL renderer string (`UNMASKED_RENDERER_WEBGL`) names a software rasteriser:
 * SwiftShader (Chromium's fallback without a GPU), Mesa's llvmpipe / softpipe, or
 * Microsoft's Basic Render Driver. Training on those is slower than on the wasm backend
 * (measured here: 20 s against 1 s for the same 20 batches), so the page skips them unless
 * WebGL is asked for with `?backend=webgl`.
 *
 * @example
 * ```ts
 * isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'); // true
 * ```
 */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(renderer);
}
