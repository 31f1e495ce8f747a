/**
 * The module each worker thread of the analysis pool loads (piscina calls its default export once
 * per task). It only runs the pure task code, so no input can hold the main thread.
 */
import { type AnalysisTask, runAnalysisTask } from './analysis-tasks.ts';

/** A task as the pool sends it: the work, and a flag set when this worker starts on it. */
export interface TaskEnvelope {
  task: AnalysisTask;
  /** Shared with the pool: 1 once the task runs, so its time budget leaves out the wait for a worker. */
  started: Int32Array;
}

/** Runs one analysis task in this worker thread. */
export default function runTask({ task, started }: TaskEnvelope): unknown {
  Atomics.store(started, 0, 1);
  Atomics.notify(started, 0);
  return runAnalysisTask(task);
}
