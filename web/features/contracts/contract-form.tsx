import {
  Alert,
  Button,
  Fieldset,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type {
  ContractFieldsInput,
  ContractVersion,
  ReviewCadence,
} from '../../../shared/schemas/contracts.ts';
import {
  contractFieldsSchema,
  reviewCadenceLabels,
  reviewCadences,
} from '../../../shared/schemas/contracts.ts';
import { useFormState, zodFieldErrors } from '../../lib/forms.ts';
import { goalLabels, partLabels } from './labels.ts';

interface GoalDraft {
  id?: string;
  description: string;
  successCriteria: string;
  supportNeeded: string;
  dueOn: string | null;
}

export interface ContractFormValues extends Record<string, unknown> {
  developmentGoal: string;
  managerCommitment: string;
  engineerCommitment: string;
  evidenceOfSuccess: string;
  reviewCadence: ReviewCadence | null;
  nextReviewOn: string | null;
  /** 'known' writes a caveat; 'none' is the explicit "none known"; null means not chosen yet. */
  caveatChoice: 'known' | 'none' | null;
  caveat: string;
  notHere: string;
  transitionSupport: string;
  changeNote: string;
  goals: GoalDraft[];
}

const emptyGoal = (): GoalDraft => ({
  description: '',
  successCriteria: '',
  supportNeeded: '',
  dueOn: null,
});

export const emptyContractValues = (): ContractFormValues => ({
  developmentGoal: '',
  managerCommitment: '',
  engineerCommitment: '',
  evidenceOfSuccess: '',
  reviewCadence: 'quarterly',
  nextReviewOn: null,
  caveatChoice: null,
  caveat: '',
  notHere: '',
  transitionSupport: '',
  changeNote: '',
  goals: [emptyGoal(), emptyGoal()],
});

export function valuesFromVersion(version: ContractVersion): ContractFormValues {
  return {
    developmentGoal: version.developmentGoal,
    managerCommitment: version.managerCommitment,
    engineerCommitment: version.engineerCommitment,
    evidenceOfSuccess: version.evidenceOfSuccess,
    reviewCadence: version.reviewCadence,
    nextReviewOn: version.nextReviewOn,
    caveatChoice: version.isCaveatNoneKnown ? 'none' : 'known',
    caveat: version.caveat,
    notHere: version.notHere,
    transitionSupport: version.transitionSupport,
    changeNote: '',
    goals: version.goals.map((goal) => ({ ...goal })),
  };
}

/** The request body the form's values stand for (validated with the shared schema). */
export function toContractInput(values: ContractFormValues): ContractFieldsInput {
  return {
    developmentGoal: values.developmentGoal,
    managerCommitment: values.managerCommitment,
    engineerCommitment: values.engineerCommitment,
    evidenceOfSuccess: values.evidenceOfSuccess,
    reviewCadence: values.reviewCadence ?? (undefined as unknown as ReviewCadence),
    nextReviewOn: values.nextReviewOn?.slice(0, 10) ?? (undefined as unknown as string),
    caveat: values.caveatChoice === 'none' ? '' : values.caveat,
    isCaveatNoneKnown:
      values.caveatChoice === null
        ? (undefined as unknown as boolean)
        : values.caveatChoice === 'none',
    notHere: values.notHere,
    transitionSupport: values.transitionSupport,
    changeNote: values.changeNote,
    goals: values.goals.map((goal) => ({
      ...(goal.id && { id: goal.id }),
      description: goal.description,
      successCriteria: goal.successCriteria,
      supportNeeded: goal.supportNeeded,
      dueOn: goal.dueOn?.slice(0, 10) ?? (undefined as unknown as string),
    })),
  };
}

const fieldLabels: Record<string, string> = {
  ...Object.fromEntries(Object.entries(partLabels).map(([key, part]) => [key, part.label])),
  isCaveatNoneKnown: 'Caveat',
  goals: 'Goals',
};

function labelOf(field: string): string {
  const match = /^goals\.(\d+)\.(\w+)$/.exec(field);
  if (match) {
    const key = match[2] as keyof typeof goalLabels;
    const number = Number(match[1]) + 1;
    return key === 'description' ? `Goal ${number}` : `${goalLabels[key] ?? key} (goal ${number})`;
  }
  return fieldLabels[field] ?? field;
}

export function useContractForm(initial: ContractFormValues) {
  const form = useFormState<ContractFormValues>(initial);
  const labels: Record<string, string> = { ...fieldLabels };
  for (const index of [0, 1, 2])
    for (const key of Object.keys(goalLabels)) {
      const field = `goals.${index}.${key}`;
      labels[field] = labelOf(field);
    }
  /** Validates with the shared schema; returns the body or null after showing the errors. */
  function validate(): ContractFieldsInput | null {
    const input = toContractInput(form.values);
    const errors = zodFieldErrors(contractFieldsSchema, { ...input }, labels);
    if (errors) {
      form.setErrors(errors);
      form.setFormError('Some parts need attention before this can be saved.');
      return null;
    }
    form.setFormError(null);
    return input;
  }
  return { ...form, validate, labels };
}

type ContractForm = ReturnType<typeof useContractForm>;

function Part({ title, help, children }: { title: string; help: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fw={600}>{title}</Text>
      <Text size="sm" c="dimmed">
        {help}
      </Text>
      {children}
    </Stack>
  );
}

/** The six parts of the contract, its 2–3 goals and the honest "not here", as one form. */
export function ContractFields({
  form,
  isNewVersion,
}: {
  form: ContractForm;
  /** Editing an agreed plan: ask what changed and say both must agree again. */
  isNewVersion: boolean;
}) {
  const { values, setValue, errors } = form;
  const text = (key: keyof typeof partLabels, rows = 3) => (
    <Part title={partLabels[key].label} help={partLabels[key].help}>
      <Textarea
        aria-label={partLabels[key].label}
        autosize
        minRows={rows}
        value={String(values[key] ?? '')}
        onChange={(event) => setValue(key, event.currentTarget.value)}
        error={errors[key]}
      />
    </Part>
  );
  function setGoal(index: number, patch: Partial<GoalDraft>) {
    setValue(
      'goals',
      values.goals.map((goal, i) => (i === index ? { ...goal, ...patch } : goal)),
    );
  }
  return (
    <Stack gap="lg">
      <Part title={partLabels.developmentGoal.label} help={partLabels.developmentGoal.help}>
        <TextInput
          aria-label={partLabels.developmentGoal.label}
          value={values.developmentGoal}
          onChange={(event) => setValue('developmentGoal', event.currentTarget.value)}
          error={errors.developmentGoal}
        />
      </Part>
      {text('managerCommitment')}
      {text('engineerCommitment')}
      {text('evidenceOfSuccess', 2)}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={partLabels.reviewCadence.label}
          description={partLabels.reviewCadence.help}
          data={reviewCadences.map((value) => ({ value, label: reviewCadenceLabels[value] }))}
          value={values.reviewCadence}
          onChange={(value) => setValue('reviewCadence', value as ReviewCadence | null)}
          error={errors.reviewCadence}
          allowDeselect={false}
        />
        <DateInput
          label={partLabels.nextReviewOn.label}
          description={partLabels.nextReviewOn.help}
          placeholder="Pick a date"
          valueFormat="D MMM YYYY"
          value={values.nextReviewOn}
          onChange={(value) => setValue('nextReviewOn', value)}
          error={errors.nextReviewOn}
        />
      </SimpleGrid>
      <Fieldset legend={partLabels.caveat.label} variant="filled" radius="md">
        <Text size="sm" c="dimmed" mb="xs">
          {partLabels.caveat.help} If you know of nothing, say so explicitly.
        </Text>
        <Radio.Group
          value={values.caveatChoice}
          onChange={(value) => setValue('caveatChoice', value as 'known' | 'none')}
          error={errors.isCaveatNoneKnown}
          aria-label="Is there anything the organisation cannot promise?"
        >
          <Stack gap="xs">
            <Radio value="known" label="There are limits — we write them down" />
            <Radio value="none" label="None known: we found nothing we cannot promise" />
          </Stack>
        </Radio.Group>
        {values.caveatChoice === 'known' && (
          <Textarea
            mt="sm"
            aria-label={partLabels.caveat.label}
            placeholder="For example: a promotion depends on next year's budget, which is not decided yet."
            autosize
            minRows={2}
            value={values.caveat}
            onChange={(event) => setValue('caveat', event.currentTarget.value)}
            error={errors.caveat}
          />
        )}
        {values.caveatChoice !== 'known' && errors.caveat && (
          <Text c="red" size="sm" mt="xs">
            {errors.caveat}
          </Text>
        )}
      </Fieldset>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={3} fz="md">
              Goals
            </Title>
            <Text size="sm" c="dimmed">
              Two or three, each with how you will know it is done, the support it needs and a date.
            </Text>
          </div>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            disabled={values.goals.length >= 3}
            onClick={() => setValue('goals', [...values.goals, emptyGoal()])}
          >
            Add a goal
          </Button>
        </Group>
        {errors.goals && (
          <Text c="red" size="sm" role="alert">
            {errors.goals}
          </Text>
        )}
        {values.goals.map((goal, index) => (
          <Paper key={goal.id ?? `new-${index}`} withBorder radius="md" p="md">
            <Stack gap="sm">
              <TextInput
                label={`${goalLabels.description} ${index + 1}`}
                labelProps={{ fw: 700 }}
                value={goal.description}
                onChange={(event) => setGoal(index, { description: event.currentTarget.value })}
                error={errors[`goals.${index}.description`]}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Textarea
                  label={`${goalLabels.successCriteria} (goal ${index + 1})`}
                  autosize
                  minRows={2}
                  value={goal.successCriteria}
                  onChange={(event) =>
                    setGoal(index, { successCriteria: event.currentTarget.value })
                  }
                  error={errors[`goals.${index}.successCriteria`]}
                />
                <Textarea
                  label={`${goalLabels.supportNeeded} (goal ${index + 1})`}
                  autosize
                  minRows={2}
                  value={goal.supportNeeded}
                  onChange={(event) => setGoal(index, { supportNeeded: event.currentTarget.value })}
                  error={errors[`goals.${index}.supportNeeded`]}
                />
              </SimpleGrid>
              <DateInput
                label={`${goalLabels.dueOn} (goal ${index + 1})`}
                placeholder="Pick a date"
                valueFormat="D MMM YYYY"
                value={goal.dueOn}
                onChange={(value) => setGoal(index, { dueOn: value })}
                error={errors[`goals.${index}.dueOn`]}
                maw={240}
              />
            </Stack>
            {values.goals.length > 2 && (
              <Group justify="flex-end" mt="xs">
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  leftSection={<IconTrash size={14} aria-hidden />}
                  onClick={() =>
                    setValue(
                      'goals',
                      values.goals.filter((_, i) => i !== index),
                    )
                  }
                >
                  Remove goal {index + 1}
                </Button>
              </Group>
            )}
          </Paper>
        ))}
      </Stack>
      <Fieldset legend="If some of it is not available here" variant="default" radius="md">
        <Stack gap="sm">
          {text('notHere', 2)}
          {text('transitionSupport', 2)}
        </Stack>
      </Fieldset>
      {isNewVersion && (
        <Stack gap="xs">
          <TextInput
            label={partLabels.changeNote.label}
            description={partLabels.changeNote.help}
            value={values.changeNote}
            onChange={(event) => setValue('changeNote', event.currentTarget.value)}
            error={errors.changeNote}
          />
          <Alert
            color="yellow"
            variant="light"
            title="Saving makes a new version"
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          >
            Earlier versions are kept. Any agreement so far applies to the earlier version only:
            after you save, you and the other person both need to agree again.
          </Alert>
        </Stack>
      )}
      {form.formError && (
        <Alert color="red" variant="light" role="alert">
          {form.formError}
        </Alert>
      )}
    </Stack>
  );
}
