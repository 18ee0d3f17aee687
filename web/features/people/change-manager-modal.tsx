import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { ResponsiveModal } from '../../components/ui/responsive-modal.tsx';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import type { PersonDetail } from '../../../shared/schemas/people.ts';
import { createReportingLineSchema } from '../../../shared/schemas/people.ts';
import { todayIso } from '../../lib/dates.ts';
import { useFormState, zodFieldErrors } from '../../lib/forms.ts';
import { useSetReportingLine } from './api.ts';
import { PersonSelect } from './person-select.tsx';

const labels = { managerId: 'New manager', startsOn: 'Effective from', reportId: 'Person' };

function ChangeManagerForm({ person, onDone }: { person: PersonDetail; onDone: () => void }) {
  const setLine = useSetReportingLine();
  const form = useFormState({
    managerId: person.manager?.id ?? null,
    hasNoManager: false,
    startsOn: todayIso(),
  });
  const { values, errors, setValue } = form;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const body = {
      reportId: person.id,
      managerId: values.hasNoManager ? null : values.managerId,
      startsOn: values.startsOn,
    };
    if (!values.hasNoManager && !values.managerId) {
      return form.setErrors({
        managerId: 'Choose the new manager, or tick "Reports to nobody".',
      });
    }
    const fieldErrors = zodFieldErrors(createReportingLineSchema, body, labels);
    if (fieldErrors) return form.setErrors(fieldErrors);
    setLine.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'green',
          title: 'Reporting line changed',
          message: saved.manager
            ? `${saved.name} reports to ${saved.manager.name}.`
            : `${saved.name} now reports to nobody.`,
        });
        onDone();
      },
      onError: (error) => form.showServerError(error, labels),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {person.manager
            ? `${person.name} reports to ${person.manager.name} today.`
            : `${person.name} reports to nobody today.`}{' '}
          The change is kept in the reporting history; earlier lines are not rewritten.
        </Text>
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        <PersonSelect
          label={labels.managerId}
          placeholder="Search by name"
          initial={person.manager}
          excludeId={person.id}
          value={values.hasNoManager ? null : values.managerId}
          disabled={values.hasNoManager}
          onChange={(id) => setValue('managerId', id)}
          error={errors.managerId}
        />
        <Checkbox
          label="Reports to nobody (top of the organisation)"
          checked={values.hasNoManager}
          onChange={(e) => setValue('hasNoManager', e.currentTarget.checked)}
        />
        <DateInput
          label={labels.startsOn}
          description="The first day of the new reporting line. It can be in the past or the future."
          valueFormat="YYYY-MM-DD"
          placeholder="YYYY-MM-DD"
          required
          value={values.startsOn}
          onChange={(date) => setValue('startsOn', date ?? '')}
          error={errors.startsOn}
        />
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={setLine.isPending}>
            Change manager
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ChangeManagerModal({
  person,
  opened,
  onClose,
}: {
  person: PersonDetail;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <ResponsiveModal
      opened={opened}
      onClose={onClose}
      title={`Change ${person.name}'s manager`}
      size="md"
    >
      {opened && <ChangeManagerForm person={person} onDone={onClose} />}
    </ResponsiveModal>
  );
}
