import {
  Alert,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  TextInput,
} from '@mantine/core';
import { ResponsiveModal } from '../../components/ui/responsive-modal.tsx';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import type { PersonDetail } from '../../../shared/schemas/people.ts';
import { createPersonSchema, updatePersonSchema } from '../../../shared/schemas/people.ts';
import { QueryError } from '../../components/ui/query-error.tsx';
import { useFormState, zodFieldErrors } from '../../lib/forms.ts';
import { useSession } from '../../lib/session.ts';
import { useCreatePerson, usePerson, useUpdatePerson } from './api.ts';
import { PersonSelect } from './person-select.tsx';
import { localTimeZone, timeZones } from './timezones.ts';

const labels: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  title: 'Job title',
  team: 'Team',
  timezone: 'Time zone',
  startDate: 'Start date',
  managerId: 'Manager',
  isAdmin: 'Administrator',
  isPeopleTeam: 'People team',
};

interface Values extends Record<string, unknown> {
  name: string;
  email: string;
  title: string;
  team: string;
  timezone: string;
  startDate: string | null;
  isAdmin: boolean;
  isPeopleTeam: boolean;
  managerId: string | null;
}

function valuesOf(person: PersonDetail | undefined): Values {
  return {
    name: person?.name ?? '',
    email: person?.email ?? '',
    title: person?.title ?? '',
    team: person?.team ?? '',
    timezone: person?.timezone ?? localTimeZone(),
    startDate: person?.startDate ?? null,
    isAdmin: person?.isAdmin ?? false,
    isPeopleTeam: person?.isPeopleTeam ?? false,
    managerId: null,
  };
}

function PersonForm({
  person,
  onDone,
}: {
  /** The person to edit; absent to add someone new. */
  person?: PersonDetail;
  onDone: (person: PersonDetail) => void;
}) {
  const isEdit = Boolean(person);
  const session = useSession();
  const isSelf = person?.id === session.data?.person.id;
  const create = useCreatePerson();
  const update = useUpdatePerson(person?.id ?? '');
  const form = useFormState<Values>(valuesOf(person));
  const { values, errors, setValue } = form;
  const isPending = create.isPending || update.isPending;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const { managerId, ...fields } = values;
    const body = isEdit ? fields : { ...fields, managerId };
    const fieldErrors = zodFieldErrors(
      isEdit ? updatePersonSchema : createPersonSchema,
      body,
      labels,
      ['name', 'email'],
    );
    if (fieldErrors) return form.setErrors(fieldErrors);
    const onSuccess = (saved: PersonDetail) => {
      notifications.show({
        color: 'green',
        title: isEdit ? 'Changes saved' : 'Person added',
        message: isEdit
          ? `${saved.name}'s details are up to date.`
          : `${saved.name} is in the directory. Invite them when you are ready.`,
      });
      onDone(saved);
    };
    const onError = (error: unknown) => form.showServerError(error, labels);
    if (isEdit) update.mutate(fields, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={labels.name}
            required
            data-autofocus
            value={values.name}
            onChange={(e) => setValue('name', e.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label={labels.email}
            type="email"
            required
            value={values.email}
            onChange={(e) => setValue('email', e.currentTarget.value)}
            error={errors.email}
          />
          <TextInput
            label={labels.title}
            placeholder="Senior Engineer"
            value={values.title}
            onChange={(e) => setValue('title', e.currentTarget.value)}
            error={errors.title}
          />
          <TextInput
            label={labels.team}
            placeholder="Payments"
            value={values.team}
            onChange={(e) => setValue('team', e.currentTarget.value)}
            error={errors.team}
          />
          <Select
            label={labels.timezone}
            searchable
            allowDeselect={false}
            data={timeZones}
            limit={50}
            value={values.timezone}
            onChange={(zone) => setValue('timezone', zone ?? 'UTC')}
            error={errors.timezone}
          />
          <DateInput
            label={labels.startDate}
            description="First day at the organisation"
            valueFormat="YYYY-MM-DD"
            placeholder="YYYY-MM-DD"
            clearable
            clearButtonProps={{ 'aria-label': 'Clear the start date' }}
            value={values.startDate}
            onChange={(date) => setValue('startDate', date)}
            error={errors.startDate}
          />
        </SimpleGrid>
        {!isEdit && (
          <PersonSelect
            label={labels.managerId}
            description="Who they report to from today. You can change this later, with an effective date."
            placeholder="Search by name"
            value={values.managerId}
            onChange={(id) => setValue('managerId', id)}
            error={errors.managerId}
          />
        )}
        <Stack gap="xs">
          <Checkbox
            label="Administrator"
            description="Can add and edit people, reporting lines and organisation settings."
            checked={values.isAdmin}
            disabled={isSelf}
            onChange={(e) => setValue('isAdmin', e.currentTarget.checked)}
            error={errors.isAdmin}
          />
          <Checkbox
            label="People team"
            description="Will see organisation-wide coverage once dashboards arrive; never anyone's private notes."
            checked={values.isPeopleTeam}
            disabled={isSelf}
            onChange={(e) => setValue('isPeopleTeam', e.currentTarget.checked)}
            error={errors.isPeopleTeam}
          />
        </Stack>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={isPending}>
            {isEdit ? 'Save changes' : 'Add person'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds a person, or edits one (loaded by id when only the id is known). */
export function PersonFormModal({
  opened,
  onClose,
  personId,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  personId?: string | null;
  onSaved?: (person: PersonDetail) => void;
}) {
  const person = usePerson(opened && personId ? personId : null);
  const isEdit = Boolean(personId);
  const done = (saved: PersonDetail) => {
    onSaved?.(saved);
    onClose();
  };
  return (
    <ResponsiveModal
      opened={opened}
      onClose={onClose}
      title={isEdit ? `Edit ${person.data?.name ?? 'person'}` : 'Add a person'}
      size="lg"
    >
      {!isEdit && <PersonForm onDone={done} />}
      {isEdit && person.isPending && (
        <Stack gap="sm" aria-busy="true" aria-label="Loading">
          <Skeleton h={36} />
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      )}
      {isEdit && person.isError && (
        <QueryError error={person.error} onRetry={() => void person.refetch()} />
      )}
      {isEdit && person.data && (
        <PersonForm key={person.data.id} person={person.data} onDone={done} />
      )}
    </ResponsiveModal>
  );
}
