// TEMPORARY stand-ins for native schedules of @lrkit/schedules that have not landed on
// main yet (inverseTime, multiStep, exponential), with the shapes of the catalogue in the
// project brief. Replaced by the real imports once they land; nothing else imports this.
import { defineSchedule, type Schedule } from '@lrkit/schedules';

export function inverseTime(options: {
  initialValue: number;
  decayRate: number;
  decaySteps?: number;
  staircase?: boolean;
}): Schedule {
  const { initialValue, decayRate, decaySteps = 1, staircase = false } = options;
  return defineSchedule({ type: 'inverse-time', initialValue, decayRate, decaySteps, staircase }, (step) => {
    const progress = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
    return initialValue / (1 + decayRate * progress);
  });
}

export function multiStep(options: { initialValue: number; milestones: number[]; factor: number }): Schedule {
  const { initialValue, milestones, factor } = options;
  return defineSchedule({ type: 'multi-step', initialValue, milestones, factor }, (step) => {
    const passed = milestones.filter((milestone) => milestone <= step).length;
    return initialValue * factor ** passed;
  });
}

export function exponential(options: { initialValue: number; decayRate: number; decaySteps?: number }): Schedule {
  const { initialValue, decayRate, decaySteps = 1 } = options;
  return defineSchedule(
    { type: 'exponential', initialValue, decayRate, decaySteps, staircase: false, transitionBegin: 0 },
    (step) => initialValue * decayRate ** (step / decaySteps),
  );
}
