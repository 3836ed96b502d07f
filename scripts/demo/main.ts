/**
 * `npm run demo`: plays the case story through the running REST gateways (scripts/gateway.sh start) and prints its
 * timeline. Needs the network and the gateways; safe to run again (every id is new).
 */
import { ApiProblem } from './api-client';
import { localEndpoints, playCaseStory } from './case-story';
import { formatEntry, formatKroner } from './timeline';

async function main(): Promise<void> {
  const started = Date.now();
  process.stderr.write('playing the case story through the REST gateways ');
  const story = await playCaseStory({
    endpoints: localEndpoints(),
    onEntry: () => {
      process.stderr.write('.');
    },
  });
  process.stderr.write('\n\n');
  for (const entry of story.timeline) {
    process.stdout.write(`${formatEntry(entry)}\n`);
  }
  const { month1, month8, month12 } = story.settlements;
  process.stdout.write(
    `\nPlacement ${story.ids.placement} and visitation ${story.ids.visitation} (child pseudonym ` +
      `${story.ids.childPseudonym.slice(0, 12)}…): first month ${formatKroner(month1.totals.due)}, after the taxi ` +
      `${formatKroner(month8.totals.due)}, last month ${formatKroner(month12.totals.due)}; ` +
      `${story.timeline.length.toString()} steps in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ApiProblem) {
    process.stderr.write(`demo stopped: ${error.message} (request ${error.requestId ?? '?'})\n`);
  } else {
    process.stderr.write(`demo stopped: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof TypeError) {
      process.stderr.write('are the gateways running? scripts/gateway.sh start\n');
    }
  }
  process.exit(1);
});
