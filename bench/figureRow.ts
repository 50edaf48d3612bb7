// The two helpers every figure module shares: whether a measurement is a number, and the failing row of a
// figure that could not be measured (with the reason).
import type {FigureRow} from './report.js';

export const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

export function unmeasured(id: string, figure: string, unit: string, goal: string, error: string, note: string): FigureRow {
  return {id, figure, ours: null, baseline: null, unit, ratio: null, goal, pass: false, note, error};
}
