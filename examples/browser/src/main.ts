import './style.css';
import { formatAdapter } from '@lrkit/backends';
import { findLearningRate } from '@lrkit/lr-finder';
import { sampleSchedule } from '@lrkit/plot';
import { type BackendChoice, chooseBackend } from './backend.js';
import { createLineChart } from './charts.js';
import { loadMnist, type MnistTensors } from './data.js';
import { createModel } from './model.js';
import { presets } from './presets.js';
import { parseRecipe, type Recipe } from './recipe.js';
import { canStart, canStop, hasProgress, initialRun, type RunEvent, type RunState, reduceRun } from './run-state.js';
import { Trainer } from './trainer.js';
import { readPageOptions } from './url-options.js';

/** What the page exposes for the end-to-end test and for curious users (`window.lrkitExample`). */
export interface PageHandle {
  state: RunState;
  backend: BackendChoice | undefined;
  recipe: { text: string; config: unknown; label: string } | undefined;
  recipeError: string | undefined;
  /** Exactly the points drawn on the live learning-rate chart. */
  lrChart: { steps: number[]; learningRates: number[] };
  /** The preview chart's points. */
  preview: { steps: number[]; values: number[] };
  /** The learning rate presets and PyTorch recipes are built with (the field's value). */
  learningRate: number;
  /** The LR finder's state and outcome. */
  finder: { running: boolean; suggestion: number | undefined; message: string };
}

declare global {
  interface Window {
    lrkitExample: PageHandle;
  }
}

const element = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`The page has no #${id}`);
  return found as T;
};

const { options, warnings } = readPageOptions(window.location.search);
const presetSelect = element<HTMLSelectElement>('preset');
const recipeField = element<HTMLTextAreaElement>('recipe');
const recipeError = element('recipe-error');
const recipeLabel = element('recipe-label');
const startButton = element<HTMLButtonElement>('start');
const stopButton = element<HTMLButtonElement>('stop');
const newRunButton = element<HTMLButtonElement>('new-run');
const csvButton = element<HTMLButtonElement>('download-csv');
const jsonButton = element<HTMLButtonElement>('download-json');
const learningRateInput = element<HTMLInputElement>('learning-rate-input');
const learningRateError = element('learning-rate-error');
const findButton = element<HTMLButtonElement>('find-lr');

const previewChart = createLineChart(element('preview-chart'), {
  title: 'Schedule preview (whole run)',
  xLabel: 'step',
  yLabel: 'learning rate',
  series: [{ label: 'schedule', stroke: '#8250df' }],
});
const lrChart = createLineChart(element('lr-chart'), {
  title: 'Learning rate applied per batch',
  xLabel: 'step',
  yLabel: 'learning rate',
  series: [{ label: 'learning rate', stroke: '#8250df' }],
});
const lossChart = createLineChart(element('loss-chart'), {
  title: 'Loss',
  xLabel: 'step',
  yLabel: 'loss',
  series: [
    { label: 'train (batch)', stroke: '#0969da' },
    { label: 'test (epoch end)', stroke: '#cf222e', points: true },
  ],
});
const accuracyChart = createLineChart(element('accuracy-chart'), {
  title: 'Accuracy',
  xLabel: 'step',
  yLabel: 'accuracy',
  series: [
    { label: 'train (batch)', stroke: '#1a7f37' },
    { label: 'test (epoch end)', stroke: '#cf222e', points: true },
  ],
});

const page: PageHandle = {
  state: initialRun({ totalEpochs: options.epochs, trainCount: options.limit ?? 5000, batchSize: options.batchSize }),
  backend: undefined,
  recipe: undefined,
  recipeError: undefined,
  lrChart: { steps: [], learningRates: [] },
  preview: { steps: [], values: [] },
  learningRate: options.learningRate,
  finder: { running: false, suggestion: undefined, message: '' },
};
let learningRateValid = true;
window.lrkitExample = page;

let data: MnistTensors | undefined;
let trainer: Trainer | undefined;
let currentRecipe: Recipe | undefined;

for (const preset of presets) {
  const option = document.createElement('option');
  option.value = preset.name;
  option.textContent = `${preset.name} — ${preset.description}`;
  presetSelect.append(option);
}
const initialRecipe = options.recipe ?? presets[0]!.name;
recipeField.value = initialRecipe;
if (presets.some((preset) => preset.name === initialRecipe)) presetSelect.value = initialRecipe;
else presetSelect.value = '';

presetSelect.addEventListener('change', () => {
  recipeField.value = presetSelect.value;
  updateRecipe();
});
recipeField.addEventListener('input', () => {
  presetSelect.value = presets.some((preset) => preset.name === recipeField.value.trim()) ? recipeField.value.trim() : '';
  updateRecipe();
});
for (const example of document.querySelectorAll<HTMLElement>('.examples code')) {
  example.addEventListener('click', () => {
    if (recipeField.disabled) return;
    recipeField.value = example.textContent ?? '';
    updateRecipe();
  });
}

/** Parses the field, shows the library's error next to it or draws the preview. */
function updateRecipe(): void {
  const state = page.state;
  const result = parseRecipe(recipeField.value, { learningRate: page.learningRate, totalSteps: state.totalSteps });
  if (!result.ok) {
    currentRecipe = undefined;
    page.recipe = undefined;
    page.recipeError = result.error;
    recipeError.textContent = result.error;
    recipeError.hidden = false;
    recipeField.setAttribute('aria-invalid', 'true');
    recipeLabel.textContent = '';
    previewChart.setData([[], []]);
    render();
    return;
  }
  currentRecipe = result.recipe;
  page.recipe = { text: recipeField.value, config: result.recipe.config, label: result.recipe.label };
  page.recipeError = undefined;
  recipeError.hidden = true;
  recipeError.textContent = '';
  recipeField.removeAttribute('aria-invalid');
  recipeLabel.textContent = `${result.recipe.label}: ${JSON.stringify(result.recipe.config)}`;
  try {
    const points = sampleSchedule(result.recipe.schedule, { end: state.totalSteps, points: 800 });
    page.preview = { steps: points.map((point) => point.x), values: points.map((point) => point.y) };
    previewChart.setData([page.preview.steps, page.preview.values], [0, Math.max(1, state.totalSteps - 1)]);
  } catch (error) {
    // A schedule that throws inside the run (PyTorch OneCycleLR past total_steps) is reported here.
    showRecipeError(error instanceof Error ? error.message : String(error));
  }
  render();
}

function showRecipeError(message: string): void {
  currentRecipe = undefined;
  page.recipeError = message;
  recipeError.textContent = message;
  recipeError.hidden = false;
}

function dispatch(event: RunEvent): void {
  page.state = reduceRun(page.state, event);
  if (event.type === 'batch') {
    page.lrChart.steps.push(event.point.step);
    page.lrChart.learningRates.push(event.point.learningRate);
  }
  render();
}

const format = (value: number | null | undefined, digits = 4): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : Number(value.toPrecision(digits)).toString();

function render(): void {
  const state = page.state;
  document.body.dataset.status = state.status;
  element('status').textContent =
    data === undefined
      ? 'loading data…'
      : page.finder.running
        ? 'finding a learning rate (LR range test)…'
        : {
            idle: 'ready',
            training: state.segments > 1 ? 'training (resumed)' : 'training',
            stopping: 'stopping after this batch…',
            stopped: 'stopped — Start resumes at the next batch',
            evaluating: 'evaluating on the test set…',
            finished: 'finished',
            failed: 'failed',
          }[state.status];
  element('step').textContent =
    `step ${state.globalStep} of ${state.totalSteps} · epoch ${Math.min(state.epoch + 1, state.totalEpochs)} of ${state.totalEpochs}` +
    ` · ${state.trainCount} training images, batch ${state.batchSize}`;
  const last = state.batches[state.batches.length - 1];
  element('learning-rate').textContent = format(last?.learningRate, 6);
  const testAccuracy = element('test-accuracy');
  testAccuracy.textContent = state.testAccuracy === null ? '–' : state.testAccuracy.toFixed(4);
  testAccuracy.dataset.value = state.testAccuracy === null ? '' : String(state.testAccuracy);
  const runError = element('run-error');
  runError.hidden = state.error === null;
  runError.textContent = state.error ?? '';
  const ready = data !== undefined && page.backend !== undefined;
  startButton.disabled = !ready || page.finder.running || !canStart(state) || (state.status === 'idle' && (currentRecipe === undefined || !learningRateValid));
  findButton.disabled = !ready || page.finder.running || state.status !== 'idle';
  learningRateInput.disabled = hasProgress(state) || page.finder.running;
  startButton.textContent = state.status === 'stopped' ? 'Resume' : 'Start';
  stopButton.disabled = !canStop(state);
  newRunButton.disabled = !hasProgress(state) || state.status === 'training' || state.status === 'stopping' || state.status === 'evaluating';
  recipeField.disabled = hasProgress(state);
  presetSelect.disabled = hasProgress(state);
  csvButton.disabled = state.batches.length === 0;
  jsonButton.disabled = state.batches.length === 0;

  const steps = state.batches.map((point) => point.step);
  const xRange: [number, number] = [0, Math.max(1, state.totalSteps - 1)];
  lrChart.setData([page.lrChart.steps, page.lrChart.learningRates], xRange);
  const validationAt = new Map(state.epochs.filter((point) => point.complete).map((point) => [point.step - 1, point]));
  lossChart.setData([steps, state.batches.map((point) => point.loss), steps.map((step) => validationAt.get(step)?.validationLoss ?? null)], xRange);
  accuracyChart.setData([steps, state.batches.map((point) => point.accuracy), steps.map((step) => validationAt.get(step)?.validationAccuracy ?? null)], xRange);
}

startButton.addEventListener('click', () => {
  if (data === undefined || !canStart(page.state)) return;
  if (page.state.status === 'idle') {
    if (currentRecipe === undefined) return;
    trainer = new Trainer(
      data,
      currentRecipe.schedule,
      { learningRate: page.learningRate, seed: options.seed },
      {
        state: () => page.state,
        dispatch,
      },
    );
  }
  const active = trainer;
  if (active === undefined) return;
  dispatch({ type: 'start' });
  void active.train().then(render);
});

stopButton.addEventListener('click', () => {
  if (!canStop(page.state)) return;
  dispatch({ type: 'stop-requested' });
  trainer?.stop();
});

newRunButton.addEventListener('click', () => {
  trainer?.dispose();
  trainer = undefined;
  page.state = initialRun({ totalEpochs: options.epochs, trainCount: page.state.trainCount, batchSize: options.batchSize });
  page.lrChart = { steps: [], learningRates: [] };
  updateRecipe();
});

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

csvButton.addEventListener('click', () => {
  if (trainer !== undefined) download('lrkit-history-batches.csv', 'text/csv', trainer.history.toCSV('batches'));
});
jsonButton.addEventListener('click', () => {
  if (trainer === undefined) return;
  const report = {
    recipe: page.recipe,
    backend: page.backend?.name,
    webgpuAdapter: page.backend?.webgpuAdapter,
    options,
    testAccuracy: page.state.testAccuracy,
    history: trainer.history.toJSON(),
  };
  download('lrkit-history.json', 'application/json', `${JSON.stringify(report, null, 2)}\n`);
});

learningRateInput.value = String(page.learningRate);
learningRateInput.addEventListener('input', () => {
  const value = Number(learningRateInput.value);
  learningRateValid = learningRateInput.value.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 1;
  learningRateError.hidden = learningRateValid;
  learningRateError.textContent = learningRateValid
    ? ''
    : `The learning rate must be a number > 0 and <= 1; received ${JSON.stringify(learningRateInput.value)}`;
  learningRateInput.setAttribute('aria-invalid', String(!learningRateValid));
  if (learningRateValid) {
    page.learningRate = value;
    updateRecipe();
  } else {
    render();
  }
});

let finderChart: ReturnType<typeof createLineChart> | undefined;

findButton.addEventListener('click', () => {
  if (data === undefined || page.finder.running || page.state.status !== 'idle') return;
  const tensors = data;
  page.finder = { running: true, suggestion: undefined, message: '' };
  element('finder-result').textContent = 'running the LR range test on a fresh copy of the model…';
  render();
  void (async () => {
    const model = createModel(page.learningRate, options.seed);
    try {
      const result = await findLearningRate(
        model,
        { x: tensors.trainImages, y: tensors.trainLabels },
        { initialLearningRate: 1e-5, finalLearningRate: 1, totalSteps: options.finderIterations, batchSize: options.batchSize, seed: options.seed },
      );
      const suggestion = result.suggestion;
      const chartElement = element('finder-chart');
      chartElement.hidden = false;
      finderChart ??= createLineChart(chartElement, {
        title: 'LR range test',
        xLabel: 'learning rate',
        yLabel: 'smoothed loss',
        series: [{ label: 'smoothed loss', stroke: '#bf3989' }],
        logX: true,
      });
      finderChart.setData([[...result.learningRates], [...result.smoothedLosses]]);
      if (suggestion === undefined) {
        page.finder = { running: false, suggestion: undefined, message: `The LR finder made no suggestion (${result.stopMessage ?? 'too few points'})` };
      } else {
        const rounded = Number(suggestion.learningRate.toPrecision(2));
        page.finder = {
          running: false,
          suggestion: rounded,
          message:
            `LR finder (${result.learningRates.length} batches): ${suggestion.method} suggests ${rounded}` +
            (suggestion.confident ? '' : ' (low confidence: see the curve)') +
            '; set as the learning rate',
        };
        page.learningRate = rounded;
        learningRateInput.value = String(rounded);
        learningRateValid = true;
        learningRateError.hidden = true;
        learningRateInput.removeAttribute('aria-invalid');
      }
    } catch (error) {
      page.finder = { running: false, suggestion: undefined, message: `The LR finder failed: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      model.dispose();
    }
    element('finder-result').textContent = page.finder.message;
    updateRecipe();
  })();
});

/**
 * Shows the WebGPU adapter the browser gave (vendor, architecture, description, and
 * "software adapter" for SwiftShader and the like), with "not used" when another backend won.
 */
function showAdapter(backend: BackendChoice): void {
  const adapterText = element('adapter');
  const adapter = backend.webgpuAdapter;
  if (adapter === undefined) {
    adapterText.textContent = 'none';
    return;
  }
  adapterText.textContent = `${formatAdapter(adapter)}${backend.name === 'webgpu' ? '' : ' (not used)'}`;
  adapterText.dataset.vendor = adapter.vendor;
  adapterText.dataset.architecture = adapter.architecture;
  adapterText.dataset.description = adapter.description;
  adapterText.dataset.software = String(adapter.software);
}

async function boot(): Promise<void> {
  if (warnings.length > 0) element('backend-notes').textContent = warnings.join('; ');
  updateRecipe();
  try {
    const backend = await chooseBackend(options.backend);
    page.backend = backend;
    const backendText = element('backend');
    backendText.textContent = backend.name;
    backendText.dataset.backend = backend.name;
    document.body.dataset.backend = backend.name;
    showAdapter(backend);
    const notes = [...warnings, ...backend.skipped.map((line) => `skipped ${line}`)];
    if (backend.name === 'webgl' && backend.webglRenderer !== undefined) notes.push(`WebGL renderer: ${backend.webglRenderer}`);
    element('backend-notes').textContent = notes.join(' · ');
    data = await loadMnist(import.meta.env.BASE_URL, options.limit, options.testLimit);
    page.state = initialRun({ totalEpochs: options.epochs, trainCount: data.trainCount, batchSize: options.batchSize });
    element('run-settings').textContent =
      `${options.epochs} epoch(s) × ${page.state.batchesPerEpoch} batches = ${page.state.totalSteps} updates · ` +
      `${data.testCount} test images · Adam · change with ?epochs=, ?limit=, ?testLimit=, ?batchSize=, ?lr=, ?backend=`;
    updateRecipe();
  } catch (error) {
    page.state = reduceRun(page.state, { type: 'failed', message: error instanceof Error ? error.message : String(error) });
    element('backend').textContent = page.backend?.name ?? 'none';
    render();
  }
}

void boot();
