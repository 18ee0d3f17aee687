import type { ReactNode } from 'react';
import {
  Anchor,
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconBinaryTree2,
  IconCalendarEvent,
  IconChecklist,
  IconFileImport,
  IconSignature,
  IconUserPlus,
  IconUsers,
  IconWriting,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { useSignedInSession } from '../../lib/session.ts';

const upcoming: { icon: ReactNode; title: string; text: string }[] = [
  {
    icon: <IconCalendarEvent size={20} aria-hidden />,
    title: 'Career conversations coming up',
    text: 'When your next conversation is due, who it is with and what kind it is, so nothing slips.',
  },
  {
    icon: <IconWriting size={20} aria-hidden />,
    title: 'Preparation',
    text: 'A few days before each conversation, prompts to think through first, in private until you choose to share.',
  },
  {
    icon: <IconSignature size={20} aria-hidden />,
    title: 'Summaries to acknowledge',
    text: 'After a conversation, the written summary to read and confirm, or to ask for a correction.',
  },
  {
    icon: <IconChecklist size={20} aria-hidden />,
    title: 'Commitments',
    text: 'What you and your manager agreed to do, with due dates, and anything that is running late.',
  },
];

function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

export default function HomePage() {
  const session = useSignedInSession();
  const isAdmin = session.person.isAdmin;
  return (
    <Page>
      <PageHeader
        title={`Hello, ${firstNameOf(session.person.name)}`}
        documentTitle="Home"
        description="Nothing needs your attention right now."
      />
      <Stack gap="xl">
        {isAdmin && (
          <Paper withBorder radius="lg" p="lg">
            <Title order={2} fz="lg">
              Get {session.organization.name} started
            </Title>
            <Text c="dimmed" mt={4} maw={640}>
              Trajectory works from your people and who reports to whom. Add them one by one or
              bring everyone in from a spreadsheet, then send each person a link to sign in.
            </Text>
            <Group mt="md" gap="sm">
              <Button
                component={Link}
                to="/admin/people"
                leftSection={<IconUserPlus size={18} aria-hidden />}
              >
                Add people
              </Button>
              <Button
                component={Link}
                to="/admin/people/import"
                variant="default"
                leftSection={<IconFileImport size={18} aria-hidden />}
              >
                Import a CSV file
              </Button>
            </Group>
          </Paper>
        )}
        <section aria-labelledby="coming-here">
          <Title order={2} fz="lg" id="coming-here">
            What will appear here
          </Title>
          <Text c="dimmed" mt={4} mb="md" maw={680}>
            This page becomes your to-do list for career conversations. As your organisation starts
            using Trajectory, you will find:
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {upcoming.map((item) => (
              <Card key={item.title} withBorder radius="lg" padding="lg">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size={36} radius="md" aria-hidden>
                    {item.icon}
                  </ThemeIcon>
                  <div>
                    <Text fw={600}>{item.title}</Text>
                    <Text size="sm" c="dimmed" mt={2}>
                      {item.text}
                    </Text>
                  </div>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </section>
        <section aria-labelledby="meanwhile">
          <Title order={2} fz="lg" id="meanwhile">
            In the meantime
          </Title>
          <Group mt="sm" gap="lg">
            <Anchor component={Link} to={`/people/${session.person.id}`}>
              See your own page
            </Anchor>
            <Anchor component={Link} to="/people">
              <Group gap={6} component="span">
                <IconUsers size={16} aria-hidden /> Browse the directory
              </Group>
            </Anchor>
            <Anchor component={Link} to="/org-chart">
              <Group gap={6} component="span">
                <IconBinaryTree2 size={16} aria-hidden /> Explore the org chart
              </Group>
            </Anchor>
          </Group>
        </section>
      </Stack>
    </Page>
  );
}
