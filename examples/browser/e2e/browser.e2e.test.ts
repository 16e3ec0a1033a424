import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromConfig } from '@lrkit/schedules';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageHandle } from '../src/main.js';
import { parseRecipe } from '../src/recipe.js';
import { serveStatic } from './static-server.js';

const chromiumPath = '/usr/bin/chromium';
const exampleRoot = fileURLToPath(new URL('..', import.meta.url));
const artifacts = `${exampleRoot}test-artifacts`;
const outDir = `${exampleRoot}dist`;

/**
 * The flags Chromium needs on these machines (no network, no GPU, running as root), and
 * WebGPU on SwiftShader's Vulkan driver (Debian's `chromium` ships it). WebGPU exists only in
 * a secure context: the site is served from `http://localhost`.
 */
const chromiumFlags = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser | undefined;
let server: { url: string; close: () => Promise<void> } | undefined;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing (${chromiumPath}); the browser example's end-to-end test needs it. ` + 'Install it with: bash scripts/ensure-chromium.sh',
    );
  }
  await build({ configFile: `${exampleRoot}vite.config.ts`, logLevel: 'warn', build: { outDir } });
  server = await serveStatic(outDir.replace(/\/$/, ''));
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags });
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(query: string): Promise<{ page: Page; errors: string[] }> {
  if (browser === undefined || server === undefined) throw new Error('the browser did not start');
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => document.body.dataset.backend !== undefined && !document.querySelector<HTMLButtonElement>('#start')!.disabled, undefined, {
    timeout: 60_000,
  });
  return { page, errors };
}

const handle = (page: Page): Promise<PageHandle> => page.evaluate(() => JSON.parse(JSON.stringify(window.lrkitExample)) as PageHandle);

/** Every plotted learning rate equals the schedule rebuilt in Node, at every step of the run. */
function expectScheduleMatches(state: PageHandle, recipeText: string, learningRate: number): void {
  const parsed = parseRecipe(recipeText, { learningRate, totalSteps: state.state.totalSteps });
  if (!parsed.ok) throw new Error(parsed.error);
  const fromPageConfig = fromConfig(state.recipe?.config);
  expect(state.lrChart.steps).toEqual(Array.from({ length: state.state.totalSteps }, (_, step) => step));
  for (const [index, step] of state.lrChart.steps.entries()) {
    const plotted = state.lrChart.learningRates[index]!;
    expect(Math.abs(plotted - parsed.recipe.schedule(step))).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(plotted - fromPageConfig(step))).toBeLessThanOrEqual(1e-9);
  }
}

/** The live charts of the training panel. */
const chartIds = ['lr-chart', 'loss-chart', 'accuracy-chart'] as const;

/** The pixels of each live chart (its uPlot canvas as a data URL), once the pending redraw is done. */
async function liveCharts(page: Page): Promise<Record<(typeof chartIds)[number], string>> {
  // The charts redraw on the next animation frame after new data: wait two frames.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  return page.evaluate((ids) => {
    const pixels = (id: string): string => document.querySelector<HTMLCanvasElement>(`#${id} canvas`)!.toDataURL('image/png');
    return { 'lr-chart': pixels(ids[0]), 'loss-chart': pixels(ids[1]), 'accuracy-chart': pixels(ids[2]) };
  }, chartIds);
}

describe('browser example in headless Chromium', () => {
  it('trains a short run, reports the backend and a test accuracy above chance, and plots the chosen schedule', async () => {
    const recipe = 'warmup-cosine';
    const { page, errors } = await openPage(`?epochs=2&limit=1000&batchSize=50&recipe=${recipe}`);
    const backend = await page.textContent('#backend');
    expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(backend);
    // Without a GPU, Chromium's WebGPU adapter is SwiftShader: the page shows it, skips it and says why.
    if (backend !== 'webgpu') expect(await page.textContent('#backend-notes')).toMatch(/skipped webgpu: /);
    if ((await page.getAttribute('#adapter', 'data-software')) === 'true') {
      expect(await page.textContent('#adapter')).toMatch(/^google swiftshader.*, software adapter \(not used\)$/);
      expect(await page.textContent('#backend-notes')).toMatch(
        /skipped webgpu: google swiftshader.*, software adapter, slower than wasm; force it with \?backend=webgpu/,
      );
    }
    // Without a GPU, Chromium's WebGL is SwiftShader: the page prefers wasm and says so.
    if (backend === 'wasm') expect(await page.textContent('#backend-notes')).toMatch(/skipped webgl: /);
    await page.click('#start');
    await page.waitForSelector('body[data-status="finished"]', { timeout: 120_000 });
    const state = await handle(page);
    expect(state.state.status).toBe('finished');
    expect(await page.textContent('#status')).toBe('finished');
    expect(state.state.globalStep).toBe(40);
    expect(state.state.testAccuracy).toBeGreaterThan(0.2);
    expect(Number(await page.getAttribute('#test-accuracy', 'data-value'))).toBe(state.state.testAccuracy);
    expectScheduleMatches(state, recipe, 0.005);
    await page.screenshot({ path: `${artifacts}/browser-example.png`, fullPage: true });

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const csvLines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    const header = csvLines[0]!.split(',');
    expect(header).toContain('learningRate');
    expect(csvLines).toHaveLength(41);
    const learningRates = csvLines.slice(1).map((line) => Number(line.split(',')[header.indexOf('learningRate')]));
    expect(learningRates).toEqual(state.lrChart.learningRates);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    const report = JSON.parse(readFileSync(await json.path(), 'utf8')) as { testAccuracy: number; history: { batches: unknown[] } };
    expect(report.testAccuracy).toBe(state.state.testAccuracy);
    expect(report.history.batches).toHaveLength(40);

    await page.click('#new-run');
    await page.waitForSelector('body[data-status="idle"]');
    expect(await page.isDisabled('#recipe')).toBe(false);
    expect((await handle(page)).lrChart.steps).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains on WebGPU (SwiftShader) when forced: a PyTorch StepLR schedule at every batch, live charts, stop and resume', async () => {
    // SwiftShader runs WebGPU on the CPU, slowly (most of the time is compiling shaders): six
    // updates of 16 images, validated on 64 test images.
    const recipe = 'StepLR(optimizer, step_size=2, gamma=0.5)';
    const { page, errors } = await openPage(`?backend=webgpu&epochs=1&limit=96&testLimit=64&batchSize=16&recipe=${encodeURIComponent(recipe)}`);
    expect(await page.textContent('#backend')).toBe('webgpu');
    expect(await page.getAttribute('#adapter', 'data-vendor')).toBe('google');
    expect(await page.getAttribute('#adapter', 'data-architecture')).toBe('swiftshader');
    expect(await page.getAttribute('#adapter', 'data-software')).toBe('true');
    expect(await page.textContent('#adapter')).toMatch(/^google swiftshader.*, software adapter$/);
    expect((await handle(page)).backend?.webgpuAdapter).toMatchObject({ vendor: 'google', architecture: 'swiftshader', software: true });
    const idleCharts = await liveCharts(page);

    await page.click('#start');
    await page.waitForFunction(() => window.lrkitExample.state.globalStep >= 2, undefined, { timeout: 120_000 });
    await page.click('#stop');
    await page.waitForSelector('body[data-status="stopped"]', { timeout: 120_000 });
    const stopped = await handle(page);
    const stoppedAt = stopped.state.globalStep;
    expect(stoppedAt).toBeGreaterThanOrEqual(2);
    expect(stoppedAt).toBeLessThan(6);
    expect(stopped.state.batches.map((point) => point.step)).toEqual(Array.from({ length: stoppedAt }, (_, step) => step));
    const stoppedCharts = await liveCharts(page);
    for (const chart of chartIds) expect(stoppedCharts[chart], `${chart} after ${stoppedAt} updates`).not.toBe(idleCharts[chart]);

    await page.click('#start');
    await page.waitForSelector('body[data-status="finished"]', { timeout: 120_000 });
    const finished = await handle(page);
    expect(finished.state.segments).toBe(2);
    expect(finished.state.globalStep).toBe(6);
    // The page's history: one point per update, global steps 0 … 5 across the stop, each with
    // the learning rate the optimizer used, equal to PyTorch's StepLR (0.005 halved every 2 steps).
    expect(finished.state.batches.map((point) => point.step)).toEqual([0, 1, 2, 3, 4, 5]);
    const expected = [0.005, 0.005, 0.0025, 0.0025, 0.00125, 0.00125];
    for (const [step, point] of finished.state.batches.entries()) {
      expect(Math.abs(point.learningRate - expected[step]!)).toBeLessThanOrEqual(1e-12);
      expect(Number.isFinite(point.loss)).toBe(true);
    }
    expect(finished.lrChart.learningRates).toEqual(finished.state.batches.map((point) => point.learningRate));
    expectScheduleMatches(finished, recipe, 0.005);
    expect(finished.recipe?.label).toBe('PyTorch StepLR');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const csvLines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    const column = csvLines[0]!.split(',').indexOf('learningRate');
    expect(csvLines.slice(1).map((line) => Number(line.split(',')[column]))).toEqual(finished.lrChart.learningRates);
    expect(finished.state.testAccuracy).not.toBeNull();
    const finishedCharts = await liveCharts(page);
    for (const chart of chartIds) expect(finishedCharts[chart], `${chart} after the resumed updates`).not.toBe(stoppedCharts[chart]);
    await page.screenshot({ path: `${artifacts}/browser-example-webgpu.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stops and resumes: the model keeps training and the learning rate continues from the global step', async () => {
    // PyTorch OneCycleLR throws past total_steps (= the run's 24 updates): a resume that
    // replayed or skipped updates would fail or shift the curve.
    const recipe = 'OneCycleLR(optimizer, max_lr=0.01)';
    // WebGL (software here) on purpose: the WebGL path is exercised, and its slower steps let Stop land mid-run.
    const { page, errors } = await openPage(`?backend=webgl&epochs=2&limit=384&batchSize=32&recipe=${encodeURIComponent(recipe)}`);
    expect(await page.textContent('#backend')).toBe('webgl');
    await page.click('#start');
    await page.waitForFunction(() => window.lrkitExample.state.globalStep >= 3, undefined, { timeout: 60_000 });
    await page.click('#stop');
    await page.waitForSelector('body[data-status="stopped"]', { timeout: 60_000 });
    const stopped = await handle(page);
    const stoppedAt = stopped.state.globalStep;
    expect(stoppedAt).toBeLessThan(24);
    expect(stopped.lrChart.steps).toEqual(Array.from({ length: stoppedAt }, (_, step) => step));
    expect(stopped.recipe?.label).toBe('PyTorch OneCycleLR');
    expect(await page.textContent('#start')).toBe('Resume');
    expect(await page.isDisabled('#recipe')).toBe(true);
    await page.click('#start');
    await page.waitForSelector('body[data-status="finished"]', { timeout: 120_000 });
    const finished = await handle(page);
    expect(finished.state.segments).toBe(2);
    expect(finished.state.globalStep).toBe(24);
    expectScheduleMatches(finished, recipe, 0.005);
    expect(finished.state.testAccuracy).toBeGreaterThan(0.2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the library error next to the field for bad recipes and never crashes', async () => {
    const { page, errors } = await openPage('?epochs=1&limit=128&batchSize=32');
    const context = { learningRate: 0.005, totalSteps: 4 };
    const cases = [
      '{"type": "cosine", "initialValue": 0.01,',
      'cosnie',
      '{"type": "cosine", "initialValue": 0.01, "decaySteps": -3}',
      '{"type": "cosine-decay", "initialValue": 0.01}',
      'StepLR(optimizer, step_size=-1)',
      'OneCycleLR(optimizer, max_lr=0.01, total_steps=1)',
      'StepLR(optimizer, step_size=)',
    ];
    for (const text of cases) {
      await page.fill('#recipe', text);
      const expected = parseRecipe(text, context);
      if (expected.ok) throw new Error(`${text} should be rejected`);
      // JSON.parse's own wording differs between V8 versions (Node and Chromium): compare its first part.
      const shown =
        text.startsWith('{"type": "cosine", "initialValue": 0.01,') && !text.endsWith('}')
          ? expected.error.slice(0, 'Invalid JSON: Expected double-quoted property name'.length)
          : expected.error;
      await expect.poll(async () => (await page.textContent('#recipe-error'))?.slice(0, shown.length)).toBe(shown);
      expect(await page.isVisible('#recipe-error')).toBe(true);
      expect(await page.getAttribute('#recipe', 'aria-invalid')).toBe('true');
      expect(await page.isDisabled('#start')).toBe(true);
    }
    expect((parseRecipe(cases[1]!, context) as { error: string }).error).toContain('did you mean `cosine`?');
    expect((parseRecipe(cases[2]!, context) as { error: string }).error).toContain('`decaySteps`');
    await page.fill('#recipe', 'cosine');
    await expect.poll(() => page.isVisible('#recipe-error')).toBe(false);
    expect(await page.isDisabled('#start')).toBe(false);
    await page.fill('#learning-rate-input', '-1');
    await expect.poll(() => page.textContent('#learning-rate-error')).toBe('The learning rate must be a number > 0 and <= 1; received "-1"');
    expect(await page.isDisabled('#start')).toBe(true);
    await page.fill('#learning-rate-input', '0.002');
    await expect.poll(() => page.isDisabled('#start')).toBe(false);
    expect((await handle(page)).recipe?.config).toMatchObject({ type: 'cosine', initialValue: 0.002 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains on the wasm backend when asked, with the gradient kernels of @lrkit/backends', async () => {
    const { page, errors } = await openPage('?backend=wasm&epochs=1&limit=128&batchSize=32&recipe=cosine');
    expect(await page.textContent('#backend')).toBe('wasm');
    await page.click('#start');
    await page.waitForSelector('body[data-status="finished"]', { timeout: 60_000 });
    const state = await handle(page);
    expect(state.state.globalStep).toBe(4);
    expectScheduleMatches(state, 'cosine', 0.005);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('suggests a learning rate with the LR finder and builds the preset with it', async () => {
    const { page, errors } = await openPage('?backend=wasm&epochs=1&limit=640&batchSize=32&recipe=constant&finderIterations=20');
    await page.click('#find-lr');
    await page.waitForFunction(() => !window.lrkitExample.finder.running && window.lrkitExample.finder.message !== '', undefined, {
      timeout: 60_000,
    });
    const state = await handle(page);
    const suggestion = state.finder.suggestion;
    expect(state.finder.message).toMatch(/^LR finder \(\d+ batches\): (edge|valley|steepest|minimum) suggests /);
    expect(suggestion).toBeGreaterThanOrEqual(1e-5);
    expect(suggestion).toBeLessThanOrEqual(1);
    expect(state.learningRate).toBe(suggestion);
    expect(Number(await page.inputValue('#learning-rate-input'))).toBe(suggestion);
    expect(state.recipe?.config).toEqual({ type: 'constant', value: suggestion });
    expect(state.state.status).toBe('idle');
    expect(errors).toEqual([]);
    await page.close();
  });
});
