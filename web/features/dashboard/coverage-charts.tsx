import '@mantine/charts/styles.css';
import { useState } from 'react';
import { LineChart, MatrixChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import type { Coverage } from '../../../shared/schemas/cadence.ts';
import { percent } from '../../lib/cadence.ts';

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
const monthYearFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthLabel = (key: string) => monthFormat.format(new Date(`${key}-01T00:00:00Z`));
const monthLongLabel = (key: string) => monthYearFormat.format(new Date(`${key}-01T00:00:00Z`));
const asPercent = (value: number | null) => (value === null ? null : Math.round(value * 100));

/** Twelve months of coverage, replayed month by month through the cadence engine. */
export function TrendChart({ coverage }: { coverage: Coverage }) {
  const data = coverage.trend.map((p) => ({
    month: monthLabel(p.month),
    onCadence: asPercent(p.onCadence),
    quarterly: asPercent(p.quarterly),
    summaries: asPercent(p.summariesOnTime),
  }));
  const hasData = coverage.trend.some((p) => p.onCadence !== null);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="trend-title">
      <Title order={2} fz="lg" id="trend-title">
        The last 12 months
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Share of people on cadence at the end of each month, and of summaries sent on time.
      </Text>
      {hasData ? (
        <LineChart
          h={260}
          data={data}
          dataKey="month"
          yAxisProps={{ domain: [0, 100] }}
          unit="%"
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          connectNulls={false}
          curveType="monotone"
          series={[
            { name: 'onCadence', label: 'On cadence', color: 'teal.6' },
            { name: 'quarterly', label: 'Quarterly review in time', color: 'indigo.6' },
            {
              name: 'summaries',
              label: 'Summaries on time',
              color: 'orange.6',
              strokeDasharray: '5 5',
            },
          ]}
          aria-label="Line chart of the share of people on cadence, with a quarterly review in time, and of summaries sent on time, for each of the last 12 months"
          role="img"
        />
      ) : (
        <Text size="sm">
          Not enough people in this view to show a trend without singling anyone out.
        </Text>
      )}
    </Paper>
  );
}

/** Team × month: the share of each team on cadence, with a table for reading the exact figures. */
export function Heatmap({ coverage }: { coverage: Coverage }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const { months, rows } = coverage.heatmap;
  const data = rows.flatMap((row) =>
    row.cells.map((cell) => ({
      x: monthLabel(cell.month),
      y: row.label,
      value: asPercent(cell.onCadence),
    })),
  );
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="heatmap-title">
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Title order={2} fz="lg" id="heatmap-title">
            Teams month by month
          </Title>
          <Text size="sm" c="dimmed">
            Share of each team on cadence at the end of the month. Empty cells: too few people to
            show, or nobody yet.
          </Text>
        </div>
        <SegmentedControl
          size="xs"
          aria-label="Show the heatmap as"
          value={view}
          onChange={(value) => setView(value === 'table' ? 'table' : 'chart')}
          data={[
            { value: 'chart', label: 'Heatmap' },
            { value: 'table', label: 'Table' },
          ]}
        />
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">No team is large enough to show on its own here.</Text>
      ) : view === 'chart' ? (
        <div style={{ overflowX: 'auto' }}>
          <MatrixChart
            data={data}
            xLabels={months.map(monthLabel)}
            yLabels={rows.map((r) => r.label)}
            withXLabels
            withYLabels
            xLabelsPosition="top"
            xLabelsRotation={0}
            xLabelsHeight={28}
            yLabelsWidth={220}
            cellSize={34}
            gap={3}
            cellRadius={4}
            domain={[0, 100]}
            colors={['red.7', 'orange.5', 'yellow.4', 'lime.5', 'teal.7']}
            withTooltip
            getTooltipLabel={(cell) =>
              `${cell.y}, ${cell.x}: ${cell.value === null ? 'not shown' : `${cell.value}% on cadence`}`
            }
            withLegend
            legendLabels={['0% on cadence', '100%']}
            role="img"
            aria-label="Heatmap of each team's share on cadence by month; switch to the table for the figures"
            // Mantine sizes the legend from an estimate of its labels' width; let "100%" show whole.
            style={{ overflow: 'visible' }}
          />
        </div>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder aria-label="Share of each team on cadence by month">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Team</Table.Th>
                {months.map((m) => (
                  <Table.Th key={m} ta="right">
                    <abbr title={monthLongLabel(m)} style={{ textDecoration: 'none' }}>
                      {monthLabel(m)}
                    </abbr>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row">{row.label}</Table.Th>
                  {row.cells.map((cell) => (
                    <Table.Td key={cell.month} ta="right">
                      {cell.isHidden ? (
                        <Text span size="xs" c="dimmed">
                          hidden
                        </Text>
                      ) : (
                        percent(cell.onCadence)
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
