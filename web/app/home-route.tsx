import { OwedCommitments, PromisedToMe } from '../features/contracts/commitments-lists.tsx';
import HomePage from '../features/home/home-page.tsx';

/** The home page with the commitment lists the contracts feature owns, placed by the app. */
export default function HomeRoute() {
  return <HomePage owedCommitments={<OwedCommitments />} promisedToMe={<PromisedToMe />} />;
}
