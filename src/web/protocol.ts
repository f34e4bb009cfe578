import type { RunSettings } from '../engine/model.js';
import type { ResultJson } from '../report/result.js';

/**
 * Messages between the live page and its Web Worker. The worker holds the profile's text and
 * runs it with the page's `--set` arguments; it answers with the page's sections as HTML,
 * rendered by the same code as the CLI's report.
 */

export interface LiveMeta {
  readonly version: string;
  readonly file: string | null;
  readonly sha256: string;
}

export type ToWorker =
  | {
      readonly type: 'init';
      readonly text: string;
      /** The report's own --set arguments, before the controls'. */
      readonly sets: readonly string[];
      readonly settings: RunSettings;
      readonly meta: LiveMeta;
    }
  | { readonly type: 'run'; readonly id: number; readonly sets: readonly string[] }
  | { readonly type: 'yaml'; readonly id: number; readonly sets: readonly string[] };

/** The sections the worker renders again; ids of the page's elements. */
export const LIVE_SECTIONS = ['recommendation', 'yearly', 'monthly', 'split', 'budget'] as const;
export type LiveSection = (typeof LIVE_SECTIONS)[number];

export type FromWorker =
  | {
      readonly type: 'answer';
      readonly id: number;
      readonly trials: number;
      readonly total: number;
      readonly sections: Readonly<Record<LiveSection, string>>;
      /** On the last answer only: the run's result, as `supportcast run --json` gives it. */
      readonly result?: ResultJson;
    }
  | { readonly type: 'problems'; readonly id: number; readonly messages: readonly string[] }
  | { readonly type: 'yaml'; readonly id: number; readonly text: string }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
