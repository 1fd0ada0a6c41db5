import type { SearchHit } from '../../../../shared/ipc/insights-contract';

/** Text from the search service with its matches in <mark>. Always text, never HTML. */
export function Highlighted({ parts, className }: { parts: SearchHit['title']; className?: string }) {
  return (
    <span className={className} dir="auto">
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  );
}
