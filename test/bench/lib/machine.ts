// Describes the machine a run happened on, from `os` and `/proc`, for the report.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';

/** What the numbers were measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** Soft and hard open-file limits of this process (`ulimit -n`), or `unknown`. */
  openFileLimit: string;
}

/** Reads the machine description. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    openFileLimit: openFileLimit(),
  };
}

/** `soft/hard` from /proc/self/limits (Linux), else `unknown`. */
export function openFileLimit(): string {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((row) => row.startsWith('Max open files'));
    const parts = line?.split(/\s{2,}/) ?? [];
    return parts.length >= 3 ? `${parts[1]}/${parts[2]}` : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Whether a child shell may raise its open-file limit to 65,535 (`ulimit -n 65535`); false where bash is missing. */
export function canRaiseOpenFileLimit(): boolean {
  const result = spawnSync('bash', ['-c', 'ulimit -n 65535'], { stdio: 'ignore' });
  return result.status === 0;
}
