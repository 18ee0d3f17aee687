/**
 * `fn` with its answers remembered: for pure functions called again and again with the same
 * few thousand inputs (parsing and formatting instants, formatting starts in a zone). Keeps at
 * most `limit` answers and starts afresh when full, so memory stays bounded without bookkeeping.
 */
export function remembered<In, Out>(fn: (input: In) => Out, limit: number): (input: In) => Out {
  const answers = new Map<In, Out>();
  return (input) => {
    if (answers.has(input)) return answers.get(input) as Out;
    const answer = fn(input);
    if (answers.size >= limit) answers.clear();
    answers.set(input, answer);
    return answer;
  };
}
