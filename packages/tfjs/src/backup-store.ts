import { describeValue } from '@lrkit/schedules/validation';
import * as tf from '@tensorflow/tfjs';

/**
 * Where a backup lives: saves and loads one set of tfjs model artifacts atomically.
 *
 * @example
 * ```ts
 * const store = await openBackupStore('runs/backup');
 * await store.save(artifacts);
 * const artifacts = await store.load(); // undefined when there is no backup
 * ```
 */
export interface BackupStore {
  /** The location, for messages. */
  readonly location: string;
  /** Replaces the backup; a reader sees the old backup or the new one, never a part. */
  save(artifacts: tf.io.ModelArtifacts): Promise<void>;
  /** The backup, or undefined when there is none. */
  load(): Promise<tf.io.ModelArtifacts | undefined>;
  /** Whether a backup exists. */
  exists(): Promise<boolean>;
  /** Deletes the backup (nothing when there is none). */
  remove(): Promise<void>;
}

type NodeFs = typeof import('node:fs');
type NodePath = typeof import('node:path');

const owner = 'BackupAndRestore';
const urlScheme = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The store of a location: a URL that tfjs's IO routers know (`indexeddb://name`,
 * `localstorage://name`, a scheme you registered) goes through tfjs's own IO handlers; any
 * other string is a directory in Node (model.json + weights.bin, written then renamed).
 *
 * @param location - a directory (Node) or a tfjs model URL.
 * @example
 * ```ts
 * const store = await openBackupStore('indexeddb://my-run'); // in the browser
 * ```
 */
export async function openBackupStore(location: string): Promise<BackupStore> {
  if (urlScheme.test(location) && !location.startsWith('file://')) return urlStore(location);
  const directory = location.startsWith('file://') ? location.slice('file://'.length) : location;
  return fileStore(directory, await loadNode(location));
}

async function loadNode(location: string): Promise<{ fs: NodeFs; path: NodePath }> {
  // Kept out of bundlers' static graph so the browser entry has no Node-only import.
  const fsName = 'node:fs';
  const pathName = 'node:path';
  try {
    const [fs, path] = await Promise.all([
      import(/* @vite-ignore */ /* webpackIgnore: true */ fsName) as Promise<NodeFs>,
      import(/* @vite-ignore */ /* webpackIgnore: true */ pathName) as Promise<NodePath>,
    ]);
    return { fs, path };
  } catch {
    throw new RangeError(
      `${owner}: \`location\` ${describeValue(location)} is a directory, which needs Node's fs module; ` +
        "in the browser use a tfjs URL such as 'indexeddb://my-run'",
    );
  }
}

/** A tfjs IO URL (IndexedDB and local storage write each model in one transaction). */
function urlStore(url: string): BackupStore {
  const handler = (kind: 'save' | 'load'): tf.io.IOHandler => {
    const handlers = kind === 'save' ? tf.io.getSaveHandlers(url) : tf.io.getLoadHandlers(url);
    const found = handlers[0];
    if (found === undefined) {
      throw new TypeError(`${owner}: no tfjs IO handler can ${kind} ${describeValue(url)} here (is the scheme available in this environment?)`);
    }
    return found;
  };
  const exists = async (): Promise<boolean> => {
    try {
      // IndexedDB and local storage list their models; other schemes have no listing.
      if (url in (await tf.io.listModels())) return true;
    } catch {
      // No model store for this scheme: fall through to a load attempt.
    }
    try {
      await handler('load').load?.();
      return true;
    } catch {
      return false;
    }
  };
  return {
    location: url,
    async save(artifacts) {
      const save = handler('save').save;
      if (save === undefined) throw new TypeError(`${owner}: the IO handler of ${describeValue(url)} cannot save`);
      await save(artifacts);
    },
    async load() {
      if (!(await exists())) return undefined;
      const load = handler('load').load;
      if (load === undefined) throw new TypeError(`${owner}: the IO handler of ${describeValue(url)} cannot load`);
      return load();
    },
    exists,
    async remove() {
      if (await exists()) await tf.io.removeModel(url);
    },
  };
}

/**
 * A directory in Node. Each save writes `model.json` and `weights.bin` into a new temporary
 * directory, flushes them, renames it to `backup-<n>`, then replaces the `latest` pointer file
 * (written to `latest.tmp`, flushed, renamed): a kill at any moment leaves `latest` naming a
 * complete backup. Every fs call is synchronous, so a save started while a fit call unwinds
 * completes before it returns.
 */
function fileStore(directory: string, { fs, path }: { fs: NodeFs; path: NodePath }): BackupStore {
  const latestFile = path.join(directory, 'latest');
  const writeFlushed = (file: string, data: string | Uint8Array): void => {
    const descriptor = fs.openSync(file, 'w');
    try {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(descriptor, bytes, offset, bytes.length - offset);
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
  };
  const syncDirectory = (target: string): void => {
    try {
      const descriptor = fs.openSync(target, 'r');
      try {
        fs.fsyncSync(descriptor);
      } finally {
        fs.closeSync(descriptor);
      }
    } catch {
      // Some platforms cannot fsync a directory; the renames are still atomic.
    }
  };
  const current = (): string | undefined => {
    if (!fs.existsSync(latestFile)) return undefined;
    const name = fs.readFileSync(latestFile, 'utf8').trim();
    return /^backup-\d+$/.test(name) && fs.existsSync(path.join(directory, name, 'model.json')) ? name : undefined;
  };
  const ownEntries = (): string[] =>
    fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => /^(backup-\d+|\.tmp-.+|latest(\.tmp)?)$/.test(name)) : [];
  return {
    location: directory,
    async save(artifacts) {
      fs.mkdirSync(directory, { recursive: true });
      const previous = current();
      const sequence = previous === undefined ? 1 : Number(previous.slice('backup-'.length)) + 1;
      const name = `backup-${sequence}`;
      const temporary = path.join(directory, `.tmp-${name}-${Date.now()}`);
      fs.mkdirSync(temporary);
      const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.concatenateArrayBuffers(artifacts.weightData);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: artifacts.userDefinedMetadata,
      };
      writeFlushed(path.join(temporary, 'weights.bin'), new Uint8Array(weightData));
      writeFlushed(path.join(temporary, 'model.json'), JSON.stringify(modelJson));
      fs.renameSync(temporary, path.join(directory, name));
      writeFlushed(`${latestFile}.tmp`, name);
      fs.renameSync(`${latestFile}.tmp`, latestFile);
      syncDirectory(directory);
      for (const entry of ownEntries()) {
        if (entry !== name && entry !== 'latest') fs.rmSync(path.join(directory, entry), { recursive: true, force: true });
      }
    },
    async load() {
      const name = current();
      if (name === undefined) return undefined;
      const modelJson = JSON.parse(fs.readFileSync(path.join(directory, name, 'model.json'), 'utf8')) as {
        modelTopology: object;
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
        weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
        userDefinedMetadata?: Record<string, unknown>;
      };
      const bytes = fs.readFileSync(path.join(directory, name, 'weights.bin'));
      const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return {
        modelTopology: modelJson.modelTopology,
        ...(modelJson.format === undefined ? {} : { format: modelJson.format }),
        ...(modelJson.generatedBy === undefined ? {} : { generatedBy: modelJson.generatedBy }),
        weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
        weightData,
        ...(modelJson.userDefinedMetadata === undefined ? {} : { userDefinedMetadata: modelJson.userDefinedMetadata as Record<string, object> }),
      };
    },
    async exists() {
      return current() !== undefined;
    },
    async remove() {
      for (const entry of ownEntries()) fs.rmSync(path.join(directory, entry), { recursive: true, force: true });
      if (fs.existsSync(directory) && fs.readdirSync(directory).length === 0) fs.rmdirSync(directory);
    },
  };
}
