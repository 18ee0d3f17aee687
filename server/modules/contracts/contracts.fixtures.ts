import { expect } from 'vitest';
import type { Agent } from '../../test/harness.ts';
import type { Contract, ContractFieldsInput } from '../../../shared/schemas/contracts.ts';

/** A complete, valid contract body (the clock starts on 2026-03-02 in the harness). */
export function validContract(overrides: Partial<ContractFieldsInput> = {}): ContractFieldsInput {
  return {
    developmentGoal: 'Lead the design of a cross-team service from proposal to launch.',
    managerCommitment:
      'Assign the billing redesign as a stretch project and introduce Eli to the architecture group.',
    engineerCommitment: 'Write the design proposal by April and run two design reviews.',
    evidenceOfSuccess: 'The proposal is accepted and two teams build on the service.',
    reviewCadence: 'quarterly',
    nextReviewOn: '2026-06-01',
    caveat: 'A staff promotion depends on the calibration budget, which is not decided here.',
    isCaveatNoneKnown: false,
    notHere: '',
    transitionSupport: '',
    goals: [
      {
        description: 'Write the billing design proposal',
        successCriteria: 'Accepted by the architecture group',
        supportNeeded: 'Two hours a week of review time from the manager',
        dueOn: '2026-04-30',
      },
      {
        description: 'Run two design reviews',
        successCriteria: 'Both reviews held with written outcomes',
        supportNeeded: 'An invitation to the architecture group',
        dueOn: '2026-05-31',
      },
    ],
    changeNote: '',
    ...overrides,
  };
}

export async function createContract(
  agent: Agent,
  engineerId: string,
  overrides: Partial<ContractFieldsInput> & { sourceConversationId?: string } = {},
): Promise<Contract> {
  const response = await agent.post<Contract>(
    `/api/people/${engineerId}/contracts`,
    validContract(overrides),
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

export async function agree(agent: Agent, contract: Contract): Promise<Contract> {
  const response = await agent.post<Contract>(`/api/contracts/${contract.id}/agreements`, {
    version: contract.version,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** A contract both sides agreed to: active. */
export async function activeContract(
  engineer: Agent,
  manager: Agent,
  engineerId: string,
): Promise<Contract> {
  const created = await createContract(manager, engineerId);
  await agree(engineer, created);
  const active = await agree(manager, created);
  expect(active.status).toBe('active');
  return active;
}
