/** The machine a result was measured on, so numbers from different machines are never compared blindly. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly memoryGb: number;
  /** 1-minute load average when the run started and ended: a busy machine makes every number worse. */
  readonly loadAverageStart: number;
  loadAverageEnd: number;
  readonly commit: string | null;
  /** True when src/ or bench/ had uncommitted changes. */
  readonly dirty: boolean | null;
}

function git(args: string[]): string | null {
  const r = spawnSync('git', args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain', '--', 'src', 'bench']);
  return {
    cpuModel: (cpus[0]?.model ?? 'unknown').trim(),
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    loadAverageEnd: 0,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: status === null ? null : status.split('\n').some((l) => l.trim() !== '' && !/ bench\/(results\.json|RESULTS\.md)$/.test(l)),
  };
}
