import {
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconDownload,
  IconEyeOff,
  IconFileText,
  IconJson,
  IconLock,
  IconServer,
  IconUsers,
} from '@tabler/icons-react';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { useSignedInSession } from '../../lib/session.ts';
import { AccessLogCard } from './access-log-card.tsx';
import { exportUrl } from './api.ts';

const readers = [
  {
    icon: <IconLock size={18} aria-hidden />,
    title: 'Only you',
    text: 'Private notes, preparation you have not shared, What Matters exercises you keep to yourself, and your side of an assessment until both sides are in.',
  },
  {
    icon: <IconUsers size={18} aria-hidden />,
    title: 'You and your manager',
    text: 'The agenda, shared notes, summaries and action items of conversations you held together, your development contract, and What Matters exercises you chose to share.',
  },
  {
    icon: <IconEyeOff size={18} aria-hidden />,
    title: 'Leaders, admins, the people team',
    text: 'Only that conversations happened, when, and whether plans are kept up — never what anyone wrote. A performance conversation shows to them as a plain check-in.',
  },
  {
    icon: <IconServer size={18} aria-hidden />,
    title: 'What "private" cannot promise',
    text: 'Whoever runs the Trajectory server can read its database and backups. A manager’s own notes about you may have to be disclosed if you make a data-access request.',
  },
];

function WhoReadsWhat() {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="readers-title">
      <Title order={2} size="h3" id="readers-title" mb="md">
        Who can read what you write
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {readers.map((reader) => (
          <Group key={reader.title} align="flex-start" wrap="nowrap" gap="sm">
            <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
              {reader.icon}
            </ThemeIcon>
            <Stack gap={2}>
              <Text fw={600}>{reader.title}</Text>
              <Text size="sm" c="dimmed">
                {reader.text}
              </Text>
            </Stack>
          </Group>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function DownloadRecord({ personId }: { personId: string }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="export-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="export-title">
          Download your record
        </Title>
        <Text size="sm" c="dimmed" maw={680}>
          One file with everything Trajectory holds about you that you can read: your profile and
          reporting lines, the conversations you took part in with their summaries and action items,
          your own preparation and private notes, What Matters, assessments, development contracts,
          and this access log. Other people’s private notes about you are not in it, because nobody
          but their author can read them.
        </Text>
        <List size="sm" c="dimmed" spacing={2}>
          <List.Item>
            The zip holds the same data twice: as JSON for programs and as Markdown to read.
          </List.Item>
          <List.Item>Each download is written to your access log.</List.Item>
        </List>
        <Group gap="sm" mt="xs">
          <Button
            component="a"
            href={exportUrl(personId, 'zip')}
            download
            leftSection={<IconDownload size={18} aria-hidden />}
          >
            Download everything (zip)
          </Button>
          <Button
            component="a"
            href={exportUrl(personId, 'markdown')}
            download
            variant="default"
            leftSection={<IconFileText size={18} aria-hidden />}
          >
            Markdown only
          </Button>
          <Button
            component="a"
            href={exportUrl(personId, 'json')}
            download
            variant="default"
            leftSection={<IconJson size={18} aria-hidden />}
          >
            JSON only
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function PrivacyPage() {
  const session = useSignedInSession();
  const me = session.person.id;
  return (
    <Page>
      <PageHeader
        title="Privacy"
        description="Who can read what you write, who has looked at your record, and a copy of everything about you."
      />
      <Stack gap="lg">
        <WhoReadsWhat />
        <DownloadRecord personId={me} />
        <AccessLogCard personId={me} selfId={me} isOwn />
      </Stack>
    </Page>
  );
}
