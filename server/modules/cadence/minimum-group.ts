/**
 * The minimum group size rule (DESIGN, issue 6): an aggregate over fewer people than the minimum is
 * hidden from everyone but the group's direct manager. Hiding one small group is not enough when a
 * total is shown beside the others (total minus the rest gives it away), so hidden groups are
 * topped up with the smallest visible ones until together they reach the minimum; when that is
 * impossible, the total is hidden too.
 */
export interface GroupSize {
  key: string;
  size: number;
  /** The viewer is this group's direct manager and may see it whatever its size. */
  isViewersOwn: boolean;
  /** Never shown (it stands for people hidden elsewhere), whatever its size. */
  isAlwaysHidden?: boolean;
}

export interface Suppression {
  hidden: Set<string>;
  /** Sum of the hidden groups' sizes: 0 or at least the minimum, unless the total is hidden. */
  hiddenSize: number;
  isTotalHidden: boolean;
}

export function suppressSmallGroups(
  groups: readonly GroupSize[],
  minimum: number,
  options: { isViewerDirectManagerOfAll: boolean },
): Suppression {
  const hidden = new Set(
    groups
      .filter((g) => g.size > 0 && (g.isAlwaysHidden || (g.size < minimum && !g.isViewersOwn)))
      .map((g) => g.key),
  );
  const sizeOf = () => groups.filter((g) => hidden.has(g.key)).reduce((sum, g) => sum + g.size, 0);
  let hiddenSize = sizeOf();
  while (hiddenSize > 0 && hiddenSize < minimum) {
    const candidate = groups
      .filter((g) => !hidden.has(g.key) && !g.isViewersOwn && g.size > 0)
      .sort((a, b) => a.size - b.size || a.key.localeCompare(b.key))[0];
    if (!candidate) break;
    hidden.add(candidate.key);
    hiddenSize = sizeOf();
  }
  const total = groups.reduce((sum, g) => sum + g.size, 0);
  const isTotalHidden =
    !options.isViewerDirectManagerOfAll &&
    (total < minimum || (hiddenSize > 0 && hiddenSize < minimum));
  return { hidden, hiddenSize, isTotalHidden };
}
