import { CareerView } from './career-page.tsx';
import { useSignedInSession } from '../../lib/session.ts';

/** "My career": the career view of the person signed in. */
export default function MyCareerPage() {
  const session = useSignedInSession();
  return <CareerView personId={session.person.id} />;
}
