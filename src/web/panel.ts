import { type Control, controlText, type LiveConfig, onGrid, setsFor } from '../shared/controls.js';
import { type FromWorker, LIVE_SECTIONS, type LiveMeta, type ToWorker } from './protocol.js';

/**
 * The live page's what-if panel, on the page's main thread: it reads the controls, turns them
 * into --set arguments (the same ones `supportcast run` takes), asks the Web Worker for the
 * answer and puts the worker's sections in place. It never computes a number itself, so the
 * page cannot block while the model runs.
 */

interface PageConfig extends LiveConfig {
  readonly text: string;
  readonly sets: readonly string[];
  readonly settings: { readonly trials: number; readonly months: number; readonly seed: number };
  readonly meta: LiveMeta;
  /** The command a reader can run to get these numbers, before the panel's --set arguments. */
  readonly command: string;
}

/** How long a slider must rest before a drag starts a run: a release runs at once. */
const DEBOUNCE_MS = 200;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function start(): void {
  const config = JSON.parse($('live-config').textContent ?? '{}') as PageConfig;
  const panel = $('whatif');
  const status = $('whatif-status');
  const command = $('whatif-command');
  const inputs = config.controls.map((c, i) => ({
    control: c,
    input: $<HTMLInputElement>(`ctl-${i}`),
    output: $<HTMLOutputElement>(`out-${i}`),
  }));
  const source = $('live-worker').textContent ?? '';
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  const post = (m: ToWorker) => worker.postMessage(m);
  post({ type: 'init', text: config.text, sets: config.sets, settings: config.settings, meta: config.meta });

  let id = 0;
  let asked = '[]';
  let askedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const valuesNow = () => new Map(inputs.map(({ control, input }) => [control.id, onGrid(control, input.valueAsNumber)] as const));
  const show = (c: Control, input: HTMLInputElement, output: HTMLOutputElement) => {
    output.value = controlText(c, onGrid(c, input.valueAsNumber), config.currency);
    input.closest('.control')?.classList.toggle('changed', onGrid(c, input.valueAsNumber) !== c.value);
  };

  /** The fragment holds the controls that differ from the profile: a link reproduces the view. */
  const writeFragment = (values: Map<string, number>) => {
    const parts = inputs
      .filter(({ control }) => values.get(control.id) !== control.value)
      .map(({ control }) => `${encodeURIComponent(control.id)}=${values.get(control.id)}`);
    history.replaceState(null, '', parts.length > 0 ? `#${parts.join('&')}` : location.pathname + location.search);
  };

  const ask = () => {
    clearTimeout(timer);
    const values = valuesNow();
    const sets = setsFor(config, values);
    const key = JSON.stringify(sets);
    if (key === asked) return;
    asked = key;
    id += 1;
    askedAt = performance.now();
    panel.dataset.state = 'running';
    panel.dataset.sets = key;
    delete panel.dataset.result;
    status.textContent = 'Running…';
    command.textContent = [config.command, ...sets.map((s) => `--set '${s}'`)].join(' ');
    for (const el of document.querySelectorAll<HTMLElement>('.stale')) el.hidden = sets.length === 0;
    writeFragment(values);
    post({ type: 'run', id, sets });
  };

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === 'yaml') return download(m.text);
    if (m.id !== id) return;
    if (m.type === 'problems' || m.type === 'failed') {
      panel.dataset.state = 'problem';
      status.textContent =
        m.type === 'problems' ? `Not a valid profile with these values: ${m.messages.join('; ')}` : `The model failed: ${m.message}`;
      return;
    }
    const ms = Math.round(performance.now() - askedAt);
    if (panel.dataset.first === undefined || m.trials === Math.min(m.total, 1024)) panel.dataset.first = String(ms);
    for (const s of LIVE_SECTIONS) {
      const el = document.getElementById(s);
      if (el && m.sections[s]) el.outerHTML = m.sections[s];
    }
    const done = m.trials === m.total;
    status.textContent = done
      ? `${m.total.toLocaleString('en-US')} trials, as the report · first answer in ${panel.dataset.first} ms, all in ${ms} ms`
      : `${m.trials.toLocaleString('en-US')} of ${m.total.toLocaleString('en-US')} trials · refining…`;
    if (done) {
      panel.dataset.state = 'done';
      panel.dataset.full = String(ms);
      panel.dataset.result = JSON.stringify(m.result);
    }
  };
  worker.onerror = (e) => {
    panel.dataset.state = 'problem';
    status.textContent = `The model could not start: ${e.message}`;
  };

  for (const { control, input, output } of inputs) {
    input.addEventListener('input', () => {
      show(control, input, output);
      clearTimeout(timer);
      timer = setTimeout(ask, DEBOUNCE_MS);
    });
    input.addEventListener('change', () => {
      show(control, input, output);
      ask();
    });
  }

  $('whatif-reset').addEventListener('click', () => {
    for (const { control, input, output } of inputs) {
      input.value = String(control.value);
      show(control, input, output);
    }
    ask();
  });

  let fileName = 'profile.yaml';
  const download = (text: string) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  };
  $('whatif-download').addEventListener('click', () => {
    fileName = `${(config.meta.file ?? 'profile').replace(/\.ya?ml$/i, '')}${asked === '[]' ? '' : '-what-if'}.yaml`;
    post({ type: 'yaml', id, sets: JSON.parse(asked) as string[] });
  });

  // A link with a fragment opens on its view.
  const wanted = new Map(
    location.hash
      .slice(1)
      .split('&')
      .filter((p) => p.includes('='))
      .map((p) => {
        const [k, v] = p.split('=') as [string, string];
        return [decodeURIComponent(k), Number(v)] as const;
      }),
  );
  for (const { control, input, output } of inputs) {
    const v = wanted.get(control.id);
    if (v !== undefined && Number.isFinite(v)) input.value = String(onGrid(control, v));
    show(control, input, output);
  }
  panel.hidden = false;
  panel.dataset.state = 'ready';
  if (setsFor(config, valuesNow()).length > 0) ask();
}

start();
