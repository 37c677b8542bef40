import { naturalOrder } from '../../core/natural-order';
import type { ParityAddOn, ParityApp, ParityPipelineInput, ParityStage, UnreadableApp } from '../../core/parity';
import { utcDay } from '../../core/utc-days';
import type { Store } from '../../store/store';
import { type Fetched, SourceError } from '../source-error';
import { fetchedFrom, staleOnError } from '../stale-cache';
import type { HerokuApi } from './heroku-api';
import {
  buildpackInstallationsWire,
  type CouplingWire,
  configVarNamesWire,
  couplingWire,
  type ParityAddOnWire,
  parityAddOnWire,
  parityAppWire,
  pipelineWire,
} from './pipeline-wire';
import { RequestBudget } from './request-budget';
import { billedSizeName } from './shield-size';
import { formationWire } from './wire';

/**
 * Heroku pipelines and, for each staging and production app, what a parity check compares: the app
 * (stack, region, space), formation, add-ons, buildpack installations and config var NAMES.
 *
 * Requests: 2 (pipelines, couplings) + 5 per staging or production app. Cached in the store for an
 * hour (the same as the inventory); when Heroku fails, an older copy is served, labelled.
 */

interface PipelineSummary {
  id: string;
  name: string;
}

export interface PipelinesRead {
  version: 2;
  /** Every pipeline the token sees, by name. */
  pipelines: PipelineSummary[];
  inputs: ParityPipelineInput[];
  requests: number;
}

// v2: each add-on says the day its billed price was read. v3: and which app owns an add-on only attached here.
const CACHE_KEY = 'heroku:parity:v3';
const CACHE_TTL_MS = 3_600_000;
const REQUEST_BUDGET = 3000;
const STAGES: readonly ParityStage[] = ['staging', 'production'];
const enc = encodeURIComponent;

export const CONFIG_VARS_REFUSED =
  'Heroku refused to list them (403): a token with only the `read` scope cannot see config vars. ' +
  'For names, use one with `read-protected` (`heroku authorizations:create --scope read,read-protected`).';

const refused = (error: unknown) =>
  error instanceof SourceError && (error.kind === 'permission' || error.kind === 'not-found');

/**
 * `GET /apps/{app}/addons` lists the add-ons attached to the app, its own and other apps' (the
 * Heroku CLI's `heroku addons --app` shows the latter "billed to <owner> app"): `app` names the owner.
 */
function toAddOn(addOn: ParityAddOnWire, billedOn: string, appId: string): ParityAddOn {
  const service = addOn.addon_service.name;
  const plan = addOn.plan.name.startsWith(`${service}:`) ? addOn.plan.name.slice(service.length + 1) : addOn.plan.name;
  const price = addOn.billed_price;
  const contract = price?.contract === true;
  const perMonth = price && (!price.unit || price.unit.toLowerCase() === 'month');
  return {
    service,
    plan,
    billedMonthlyCents: price && perMonth && !contract ? price.cents : null,
    billedOn,
    contract,
    configVars: [...(addOn.config_vars ?? [])].sort(),
    ...(addOn.app && addOn.app.id !== appId ? { attachedFrom: addOn.app.name ?? addOn.app.id } : {}),
  };
}

export class HerokuPipelines {
  constructor(
    private readonly api: HerokuApi,
    private readonly options: { store: Store; now: () => Date },
  ) {}

  /** Every pipeline, with its staging and production apps read; cached, stale-but-labelled on failure. */
  async read(refresh = false): Promise<Fetched<PipelinesRead>> {
    const part = await staleOnError({
      store: this.options.store,
      key: CACHE_KEY,
      now: this.options.now,
      maxAgeMs: refresh ? 0 : CACHE_TTL_MS,
      read: (value) => ((value as PipelinesRead | undefined)?.version === 2 ? (value as PipelinesRead) : undefined),
      fetch: () => new RequestBudget(REQUEST_BUDGET, 'a Heroku parity check').run((budget) => this.fetch(budget)),
      failure: (error) => (error instanceof SourceError ? error : undefined),
    });
    return fetchedFrom(part.value, [part]);
  }

  private async fetch(budget: RequestBudget): Promise<PipelinesRead> {
    const [pipelines, couplings] = await Promise.all([
      this.api.list('/pipelines', pipelineWire, budget),
      this.api.list('/pipeline-couplings', couplingWire, budget),
    ]);
    const compared = couplings.filter((coupling) => (STAGES as string[]).includes(coupling.stage));
    budget.ensure(compared.length * 5, `${compared.length} staging and production apps need 5 requests each`);
    // The add-ons' billed prices are dated by the day they are read.
    const readOn = utcDay(this.options.now());
    const apps = await Promise.all(compared.map((coupling) => this.readApp(coupling, budget, readOn)));
    const inputs = pipelines
      .map((pipeline): ParityPipelineInput => {
        const input: ParityPipelineInput = {
          id: pipeline.id,
          name: pipeline.name,
          staging: [],
          production: [],
          unreadable: [],
        };
        compared.forEach((coupling, index) => {
          if (coupling.pipeline.id !== pipeline.id) return;
          const read = apps[index];
          if ('reason' in read) input.unreadable.push(read);
          else input[coupling.stage as ParityStage].push(read);
        });
        input.staging.sort((a, b) => naturalOrder(a.name, b.name));
        input.production.sort((a, b) => naturalOrder(a.name, b.name));
        return input;
      })
      .sort((a, b) => naturalOrder(a.name, b.name));
    return {
      version: 2,
      pipelines: inputs.map(({ id, name }) => ({ id, name })),
      inputs,
      requests: budget.used,
    };
  }

  private async readApp(
    coupling: CouplingWire,
    budget: RequestBudget,
    readOn: string,
  ): Promise<ParityApp | UnreadableApp> {
    const id = enc(coupling.app.id);
    const stage = coupling.stage as ParityStage;
    let app: Awaited<ReturnType<HerokuPipelines['readAppParts']>>;
    try {
      app = await this.readAppParts(id, budget);
    } catch (error) {
      if (!refused(error)) throw error;
      const status = (error as SourceError).kind === 'permission' ? '403 Forbidden' : '404 Not Found';
      return {
        stage,
        app: coupling.app.id,
        reason: `Heroku answered ${status}: the account behind HEROKU_API_TOKEN is not a collaborator on it.`,
      };
    }
    const [info, formation, addOns, buildpacks, configVars] = app;
    return {
      name: info.name,
      stack: info.stack?.name ?? null,
      region: info.region?.name ?? null,
      space: info.space ? { name: info.space.name, shield: info.space.shield === true } : null,
      buildpacks: [...buildpacks]
        .sort((a, b) => a.ordinal - b.ordinal)
        .map((installation) => installation.buildpack.name ?? installation.buildpack.url ?? 'unknown'),
      processes: formation
        .map((entry) => ({
          type: entry.type,
          quantity: entry.quantity,
          size: billedSizeName(
            entry.dyno_size?.name ?? entry.size ?? 'unknown',
            info.space?.shield === true,
          ).toLowerCase(),
        }))
        .sort((a, b) => a.type.localeCompare(b.type)),
      addOns: addOns
        .filter((addOn) => addOn.state !== 'deprovisioned')
        .map((addOn) => toAddOn(addOn, readOn, info.id))
        .sort((a, b) => a.service.localeCompare(b.service) || a.plan.localeCompare(b.plan)),
      ...(configVars === null
        ? { configVarNames: null, configVarsProblem: CONFIG_VARS_REFUSED }
        : { configVarNames: configVars }),
    };
  }

  /** The app first: when the token may not read it, its formation and the rest are not asked for. */
  private async readAppParts(id: string, budget: RequestBudget) {
    const info = await this.api.get(`/apps/${id}`, parityAppWire, budget);
    const parts = await Promise.all([
      this.api.list(`/apps/${id}/formation`, formationWire, budget),
      this.api.list(`/apps/${id}/addons`, parityAddOnWire, budget),
      this.api.get(`/apps/${id}/buildpack-installations`, buildpackInstallationsWire, budget),
      this.api.get(`/apps/${id}/config-vars`, configVarNamesWire, budget).catch((error: unknown) => {
        if (error instanceof SourceError && error.kind === 'permission') return null;
        throw error;
      }),
    ]);
    return [info, ...parts] as const;
  }
}
