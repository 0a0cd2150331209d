import type { Pipeline, PipelineStage } from '../types';
import { resourceNotFound, validationError } from '../http/errors';

/**
 * Pipelines and stages for deals and tickets (reference §7). A new portal's default ticket pipeline is "0"
 * (Support Pipeline) with stages "1" New, "2" Waiting on contact, "3" Waiting on us, "4" Closed (ticketState
 * CLOSED); the default deal pipeline is "default" (Sales Pipeline). Default pipelines have createdAt epoch 0.
 */

export const PIPELINE_OBJECT_TYPES = ['0-3', '0-5'] as const;

const stage = (id: string, label: string, displayOrder: number, metadata: Record<string, string>): PipelineStage => ({
  id,
  label,
  displayOrder,
  metadata,
  createdAt: 0,
  updatedAt: 0,
  archived: false,
  writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
});

function defaultTicketPipeline(): Pipeline {
  return {
    id: '0',
    label: 'Support Pipeline',
    displayOrder: 0,
    createdAt: 0,
    updatedAt: 0,
    archived: false,
    stages: [
      stage('1', 'New', 0, { ticketState: 'OPEN' }),
      stage('2', 'Waiting on contact', 1, { ticketState: 'OPEN' }),
      stage('3', 'Waiting on us', 2, { ticketState: 'OPEN' }),
      stage('4', 'Closed', 3, { ticketState: 'CLOSED' }),
    ],
  };
}

function defaultDealPipeline(): Pipeline {
  const deal = (id: string, label: string, order: number, probability: string, isClosed = false) =>
    stage(id, label, order, { isClosed: String(isClosed), probability });
  return {
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    createdAt: 0,
    updatedAt: 0,
    archived: false,
    stages: [
      deal('appointmentscheduled', 'Appointment Scheduled', 0, '0.2'),
      deal('qualifiedtobuy', 'Qualified To Buy', 1, '0.4'),
      deal('presentationscheduled', 'Presentation Scheduled', 2, '0.6'),
      deal('decisionmakerboughtin', 'Decision Maker Bought-In', 3, '0.8'),
      deal('contractsent', 'Contract Sent', 4, '0.9'),
      deal('closedwon', 'Closed Won', 5, '1.0', true),
      deal('closedlost', 'Closed Lost', 6, '0.0', true),
    ],
  };
}

export interface StageInput {
  label?: unknown;
  displayOrder?: unknown;
  metadata?: unknown;
}

export class PipelineStore {
  private readonly byType = new Map<string, Pipeline[]>([
    ['0-3', [defaultDealPipeline()]],
    ['0-5', [defaultTicketPipeline()]],
  ]);
  private nextId = 1_000_001;
  /** Called when a stage appears, so HubSpot's per-stage properties (`hs_date_entered_<id>`) can be defined. */
  onStageCreated: (typeId: string, pipeline: Pipeline, stage: PipelineStage) => void = () => undefined;

  list(typeId: string, archived = false): Pipeline[] {
    return (this.byType.get(typeId) ?? []).filter((p) => p.archived === archived);
  }

  find(typeId: string, pipelineId: string): Pipeline | undefined {
    return this.list(typeId).find((p) => p.id === pipelineId);
  }

  get(typeId: string, pipelineId: string): Pipeline {
    const p = this.find(typeId, pipelineId);
    if (!p) throw resourceNotFound(`Unable to find pipeline ${pipelineId}`);
    return p;
  }

  findStage(typeId: string, pipelineId: string, stageId: string): PipelineStage | undefined {
    return this.find(typeId, pipelineId)?.stages.find((s) => s.id === stageId && !s.archived);
  }

  getStage(typeId: string, pipelineId: string, stageId: string): PipelineStage {
    const s = this.findStage(typeId, pipelineId, stageId);
    if (!s) throw resourceNotFound(`Unable to find stage ${stageId} in pipeline ${pipelineId}`);
    return s;
  }

  /** The default pipeline of a type: the one with the lowest displayOrder. */
  defaultPipeline(typeId: string): Pipeline | undefined {
    return [...this.list(typeId)].sort((a, b) => a.displayOrder - b.displayOrder)[0];
  }

  create(typeId: string, input: { label?: unknown; displayOrder?: unknown; stages?: unknown }, now: number): Pipeline {
    if (typeof input.label !== 'string' || input.label === '') throw validationError('label is required');
    if (!Array.isArray(input.stages) || input.stages.length === 0) throw validationError('stages are required: a pipeline needs at least one stage');
    if (this.list(typeId).some((p) => p.label === input.label)) throw validationError(`A pipeline with label ${input.label} already exists`);
    const p: Pipeline = {
      id: String(this.nextId++),
      label: input.label,
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : this.list(typeId).length,
      stages: [],
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    for (const s of input.stages as unknown[]) p.stages.push(this.buildStage(typeId, p, (s ?? {}) as StageInput, now));
    this.byType.get(typeId)?.push(p);
    for (const s of p.stages) this.onStageCreated(typeId, p, s);
    return p;
  }

  update(typeId: string, pipelineId: string, input: { label?: unknown; displayOrder?: unknown; archived?: unknown }, now: number): Pipeline {
    const p = this.get(typeId, pipelineId);
    if (typeof input.label === 'string') p.label = input.label;
    if (typeof input.displayOrder === 'number') p.displayOrder = input.displayOrder;
    p.updatedAt = now;
    return p;
  }

  replace(typeId: string, pipelineId: string, input: { label?: unknown; displayOrder?: unknown; stages?: unknown }, now: number): Pipeline {
    const p = this.get(typeId, pipelineId);
    if (typeof input.label !== 'string' || !Array.isArray(input.stages) || input.stages.length === 0) {
      throw validationError('label and stages are required');
    }
    p.label = input.label;
    if (typeof input.displayOrder === 'number') p.displayOrder = input.displayOrder;
    p.stages = (input.stages as unknown[]).map((s) => this.buildStage(typeId, p, (s ?? {}) as StageInput, now));
    p.updatedAt = now;
    for (const s of p.stages) this.onStageCreated(typeId, p, s);
    return p;
  }

  archive(typeId: string, pipelineId: string, now: number, inUse: readonly string[]): void {
    const p = this.get(typeId, pipelineId);
    if (inUse.length > 0) throw pipelineInUse(p.stages.map((s) => s.id), inUse);
    p.archived = true;
    p.archivedAt = now;
  }

  createStage(typeId: string, pipelineId: string, input: StageInput, now: number): PipelineStage {
    const p = this.get(typeId, pipelineId);
    const s = this.buildStage(typeId, p, input, now);
    p.stages.push(s);
    p.updatedAt = now;
    this.onStageCreated(typeId, p, s);
    return s;
  }

  updateStage(typeId: string, pipelineId: string, stageId: string, input: StageInput, now: number, replace = false): PipelineStage {
    const p = this.get(typeId, pipelineId);
    const s = this.getStage(typeId, pipelineId, stageId);
    if (replace && typeof input.label !== 'string') throw validationError('label is required');
    if (typeof input.label === 'string') {
      if (p.stages.some((o) => o !== s && !o.archived && o.label === input.label)) throw validationError(`Stage labels must be unique within a pipeline: ${input.label}`);
      s.label = input.label;
    }
    if (typeof input.displayOrder === 'number') s.displayOrder = input.displayOrder;
    if (input.metadata !== undefined) s.metadata = this.checkMetadata(typeId, input.metadata, replace ? {} : s.metadata);
    s.updatedAt = now;
    return s;
  }

  archiveStage(typeId: string, pipelineId: string, stageId: string, now: number, inUse: readonly string[]): void {
    const s = this.getStage(typeId, pipelineId, stageId);
    if (inUse.length > 0) throw pipelineInUse([stageId], inUse);
    s.archived = true;
    s.archivedAt = now;
  }

  private buildStage(typeId: string, p: Pipeline, input: StageInput, now: number): PipelineStage {
    if (typeof input.label !== 'string' || input.label === '') throw validationError('Stage label is required');
    if (p.stages.some((s) => !s.archived && s.label === input.label)) throw validationError(`Stage labels must be unique within a pipeline: ${input.label}`);
    if (p.stages.filter((s) => !s.archived).length >= 100) throw validationError('A pipeline can have at most 100 stages');
    return {
      id: String(this.nextId++),
      label: input.label,
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : p.stages.length,
      metadata: this.checkMetadata(typeId, input.metadata ?? {}, {}),
      createdAt: now,
      updatedAt: now,
      archived: false,
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    };
  }

  /** Metadata values are strings; deal stages need `probability` 0.0–1.0, ticket stages take `ticketState`. */
  private checkMetadata(typeId: string, raw: unknown, base: Record<string, string>): Record<string, string> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw validationError('metadata must be an object of strings');
    const out: Record<string, string> = { ...base };
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = String(v);
    if (typeId === '0-3') {
      const p = Number(out.probability);
      if (out.probability === undefined || !Number.isFinite(p) || p < 0 || p > 1) {
        throw validationError('Deal stages need metadata.probability between 0.0 and 1.0', [{ message: 'probability is required', code: 'INVALID_PROBABILITY' }]);
      }
      out.isClosed ??= String(p === 0 || p === 1 ? out.isClosed === 'true' : false);
    } else {
      out.ticketState ??= 'OPEN';
      if (out.ticketState !== 'OPEN' && out.ticketState !== 'CLOSED') throw validationError('metadata.ticketState must be OPEN or CLOSED');
    }
    return out;
  }
}

/** 400 PipelineError.STAGE_ID_IN_USE (docs: pipelines guide). */
function pipelineInUse(stageIds: string[], objectIds: readonly string[]) {
  const e = validationError(`Stages ${stageIds.join(', ')} are in use by ${objectIds.length} records`, undefined, 'PipelineError.STAGE_ID_IN_USE');
  e.body.context = { stageIds, objectIds: objectIds.slice(0, 100) };
  return e;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function stageJson(s: PipelineStage): Record<string, unknown> {
  return {
    label: s.label,
    displayOrder: s.displayOrder,
    metadata: s.metadata,
    id: s.id,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    archived: s.archived,
    ...(s.archivedAt !== undefined ? { archivedAt: iso(s.archivedAt) } : {}),
    ...(s.writePermissions ? { writePermissions: s.writePermissions } : {}),
  };
}

export function pipelineJson(p: Pipeline): Record<string, unknown> {
  return {
    label: p.label,
    displayOrder: p.displayOrder,
    id: p.id,
    stages: p.stages.filter((s) => !s.archived).map(stageJson),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    archived: p.archived,
    ...(p.archivedAt !== undefined ? { archivedAt: iso(p.archivedAt) } : {}),
  };
}
