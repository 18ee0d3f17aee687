import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf } from '../../policies/authorize.ts';
import { whatMattersLabels, whatMattersValues } from '../../../shared/schemas/what-matters.ts';
import type { WhatMatters, WhatMattersList } from '../../../shared/schemas/what-matters.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';
import { whatMattersPolicy } from './what-matters.policy.ts';
import type { WhatMattersRow } from './what-matters.repository.ts';

export function presentWhatMatters(
  actor: Actor,
  row: WhatMattersRow,
  facts: PairFacts,
): WhatMatters {
  return {
    id: row.id,
    engineer: { id: row.engineerId, name: row.engineerName },
    createdAt: row.createdAt,
    isShared: row.sharedWithId !== null,
    sharedAt: row.sharedAt,
    values: row.values.map((v) => ({ ...v, label: whatMattersLabels[v.value] })),
    abilities: abilitiesOf(actor, whatMattersPolicy, { ...row, facts }),
  };
}

/** One chart row per exercise, oldest first: `{ date, impact: 30, learning: 25, … }`. */
export function chartOf(rows: WhatMattersRow[]): WhatMattersList['chart'] {
  return [...rows].reverse().map((row) => {
    const point: { date: string; [value: string]: number | string } = {
      date: row.createdAt.slice(0, 10),
    };
    for (const value of whatMattersValues)
      point[value] = row.values.find((v) => v.value === value)?.points ?? 0;
    return point;
  });
}
