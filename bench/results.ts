import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { goBinary } from './processes';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  go: string | undefined;
  chromium: string | undefined;
}

/** The Chromium version, set by the first benchmark that launches the browser. */
let chromiumVersion: string | undefined;

export function noteChromiumVersion(version: string): void {
  chromiumVersion = version;
}

function goVersion(): string | undefined {
  try {
    return execFileSync(goBinary, ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export function machineInfo(): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    go: goVersion(),
    chromium: chromiumVersion,
  };
}

/** Writes bench/results/<name>.json: the benchmark's own data, the machine and the date. */
export function writeResults(name: string, data: Record<string, unknown>): string {
  mkdirSync('bench/results', { recursive: true });
  const path = `bench/results/${name}.json`;
  const body = { benchmark: name, date: new Date().toISOString(), machine: machineInfo(), ...data };
  writeFileSync(path, JSON.stringify(body, null, 2) + '\n');
  return path;
}
